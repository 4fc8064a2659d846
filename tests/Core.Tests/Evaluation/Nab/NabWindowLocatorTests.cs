using MLOps.Core.Evaluation.Nab;

namespace MLOps.Core.Tests.Evaluation.Nab;

public class NabWindowLocatorTests
{
    private static readonly DateTime T0 = new(2014, 3, 9, 2, 0, 0);

    [Fact]
    public void Locate_RepeatedWallClockTimestamps_MatchesFirstOccurrenceInOrder()
    {
        // Rows: 02:00, 02:05, 03:00, 03:00, 03:00, 03:05 (a daylight-saving switch repeats 03:00).
        DateTime[] timestamps = [T0, T0.AddMinutes(5), T0.AddHours(1), T0.AddHours(1), T0.AddHours(1), T0.AddMinutes(65)];

        var ranges = NabWindowLocator.Locate(timestamps, [new(T0.AddMinutes(5), T0.AddHours(1)), new(T0.AddMinutes(65), T0.AddMinutes(65))]);

        Assert.Equal([new NabRowRange(1, 2), new NabRowRange(5, 5)], ranges);
    }

    [Fact]
    public void Locate_BoundaryNotInFile_ThrowsNamingIt()
    {
        DateTime[] timestamps = [T0, T0.AddMinutes(5), T0.AddMinutes(10)];

        var error = Assert.Throws<ArgumentException>(() => NabWindowLocator.Locate(timestamps, [new(T0.AddMinutes(5), T0.AddMinutes(7))]));

        Assert.Contains("2014-03-09 02:07:00", error.Message, StringComparison.Ordinal);
    }
}
