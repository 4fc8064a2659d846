namespace MLOps.Core.Simulation;

/// <summary>
/// Derives independent, reproducible seeds from the run seed (SplitMix64 finalizer). HashCode.Combine would be
/// randomized per process, which would break "same seed, same output".
/// </summary>
internal static class SeedMixer
{
    public static int Derive(int seed, int stream, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 20) ^ (uint)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    public static double NextGaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public static double NextDouble(this Random random, double min, double max) => min + (random.NextDouble() * (max - min));
}
