namespace MLOps.Modeling.Training;

/// <summary>
/// Rows for a trainer or scorer: a row-major feature block (<see cref="Width"/> floats a row) and,
/// for training, one label per row (1 = incident within the horizon).
/// </summary>
public sealed record TrainingData(float[] Features, int Width, float[] Labels)
{
    public int Rows => Labels.Length;

    public static TrainingData Create(float[] features, int width, float[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (features.Length != labels.Length * width)
        {
            throw new ArgumentException($"{features.Length} feature values do not make {labels.Length} rows of {width}.", nameof(features));
        }

        return new TrainingData(features, width, labels);
    }

    /// <summary>These rows followed by <paramref name="other"/>'s, in one new block.</summary>
    public TrainingData Append(TrainingData other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Width != Width)
        {
            throw new ArgumentException($"Rows of {other.Width} features cannot follow rows of {Width}.", nameof(other));
        }

        return new TrainingData([.. Features, .. other.Features], Width, [.. Labels, .. other.Labels]);
    }
}
