using MLOps.Modeling.Training;

namespace MLOps.Testing.Platform;

/// <summary>
/// Seeded rows where an incident is coming when two features rise together: learnable, with noise
/// and a minority positive class like real incident data.
/// </summary>
public static class SyntheticIncidents
{
    public const int Width = 8;

    public static TrainingData Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * Width];
        var labels = new float[rows];
        for (var row = 0; row < rows; row++)
        {
            var span = features.AsSpan(row * Width, Width);
            for (var column = 0; column < Width; column++)
            {
                span[column] = (float)random.NextDouble();
            }

            var risk = span[0] + span[1] + (0.2 * random.NextDouble());
            labels[row] = risk > 1.6 ? 1f : 0f;
        }

        return TrainingData.Create(features, Width, labels);
    }
}
