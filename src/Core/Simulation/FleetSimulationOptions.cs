namespace MLOps.Core.Simulation;

/// <summary>What fleet to simulate. The same options (seed included) always produce the same output.</summary>
public sealed record FleetSimulationOptions
{
    /// <summary>A Monday at midnight UTC, so a default run starts with a full week.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public int Services { get; init; } = 10;

    public int HostsPerService { get; init; } = 4;

    public int Days { get; init; } = 7;

    public int Seed { get; init; } = 42;

    /// <summary>Start of the simulated period; floored to the minute.</summary>
    public DateTimeOffset Start { get; init; } = DefaultStart;

    public DateTimeOffset End => Start.AddDays(Days);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        if (Services is < 1 or > 10_000)
        {
            throw new ArgumentException($"Services must be between 1 and 10000, got {Services}.");
        }

        if (HostsPerService is < 1 or > 1_000)
        {
            throw new ArgumentException($"HostsPerService must be between 1 and 1000, got {HostsPerService}.");
        }

        if (Days is < 1 or > 3_650)
        {
            throw new ArgumentException($"Days must be between 1 and 3650, got {Days}.");
        }
    }
}
