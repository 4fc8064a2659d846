namespace MLOps.Core.Training;

/// <summary>
/// A time-ordered train / validation / test split. Never random: rows are assigned by their time,
/// so nothing the model trains on comes after anything it is judged on.
/// </summary>
public sealed record TimeSplit(DateTimeOffset Start, DateTimeOffset TrainEnd, DateTimeOffset ValidationEnd, DateTimeOffset End)
{
    /// <summary>Cuts [start, end) by fractions of its duration; the test part is what remains.</summary>
    public static TimeSplit ByFraction(DateTimeOffset start, DateTimeOffset end, double trainFraction, double validationFraction)
    {
        if (end <= start)
        {
            throw new ArgumentException($"The period must not be empty: end {end:O} is not after start {start:O}.", nameof(end));
        }

        if (trainFraction <= 0 || validationFraction < 0 || trainFraction + validationFraction > 1)
        {
            throw new ArgumentException($"Fractions must satisfy 0 < train and 0 <= validation and train + validation <= 1; got {trainFraction} and {validationFraction}.", nameof(trainFraction));
        }

        var duration = end - start;
        var trainEnd = start + (duration * trainFraction);
        return new TimeSplit(start, trainEnd, trainEnd + (duration * validationFraction), end);
    }

    public SplitPart PartOf(DateTimeOffset time) =>
        time < Start || time >= End ? SplitPart.Outside
        : time < TrainEnd ? SplitPart.Train
        : time < ValidationEnd ? SplitPart.Validation
        : SplitPart.Test;
}

public enum SplitPart
{
    Outside,
    Train,
    Validation,
    Test,
}
