using MLOps.Core.Training;

namespace MLOps.Core.Tests.Training;

public sealed class TimeSplitTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ByFraction_CutsThePeriodInTimeOrder()
    {
        var split = TimeSplit.ByFraction(Start, Start.AddDays(10), 0.6, 0.2);

        Assert.Equal(Start.AddDays(6), split.TrainEnd);
        Assert.Equal(Start.AddDays(8), split.ValidationEnd);
    }

    [Fact]
    public void PartOf_ShuffledRows_NothingTrainedOnComesAfterAnythingJudged()
    {
        // A leak would put a training row after a validation or test row; rows arrive shuffled
        // so that an index-based split could not pass by accident.
        var split = TimeSplit.ByFraction(Start, Start.AddDays(30), 0.7, 0.15);
        var random = new Random(11);
        var times = Enumerable.Range(0, 30 * 24 * 60).Select(minute => Start.AddMinutes(minute)).OrderBy(_ => random.Next()).ToArray();

        var parts = times.ToLookup(split.PartOf);

        Assert.True(parts[SplitPart.Train].Max() < parts[SplitPart.Validation].Min());
        Assert.True(parts[SplitPart.Validation].Max() < parts[SplitPart.Test].Min());
        Assert.Empty(parts[SplitPart.Outside]);
        Assert.Equal(times.Length, parts[SplitPart.Train].Count() + parts[SplitPart.Validation].Count() + parts[SplitPart.Test].Count());
    }

    [Fact]
    public void PartOf_TimesOutsideThePeriod_AreOutside()
    {
        var split = TimeSplit.ByFraction(Start, Start.AddDays(1), 0.5, 0.25);

        Assert.Equal(SplitPart.Outside, split.PartOf(Start.AddTicks(-1)));
        Assert.Equal(SplitPart.Outside, split.PartOf(Start.AddDays(1)));
    }

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(0.9, 0.2)]
    [InlineData(0.5, -0.1)]
    public void ByFraction_ImpossibleFractions_AreRejected(double train, double validation) =>
        Assert.Throws<ArgumentException>(() => TimeSplit.ByFraction(Start, Start.AddDays(1), train, validation));

    [Fact]
    public void ByFraction_EmptyPeriod_IsRejected() =>
        Assert.Throws<ArgumentException>(() => TimeSplit.ByFraction(Start, Start, 0.5, 0.2));
}
