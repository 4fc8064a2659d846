using MLOps.Core.Telemetry;
using MLOps.Core.Training;

namespace MLOps.Core.Tests.Training;

public sealed class HorizonLabelerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(15);

    [Theory]
    [InlineData(-16, 0f)] // window ends 16 min before the incident: outside the 15 min horizon
    [InlineData(-15, 1f)] // exactly one horizon ahead: the start is inside (t, t + h]
    [InlineData(-1, 1f)]
    [InlineData(0, 1f)] // the incident is under way
    [InlineData(29, 1f)] // last minute before it ends
    [InlineData(30, 0f)] // the incident ended at +30
    public void Label_WindowRelativeToIncident_IsPositiveOnlyWithinHorizonOrDuringIt(int minutesFromStart, float expected)
    {
        var incident = new Incident("i-1", "checkout", T0, T0.AddMinutes(30), "sev2", "pagerduty", "latency");

        var labels = HorizonLabeler.Label([T0.AddMinutes(minutesFromStart)], [incident], [], Horizon);

        Assert.Equal(expected, labels.Labels[0]);
    }

    [Fact]
    public void Label_OpenIncident_StaysPositiveUntilItCloses()
    {
        var open = new Incident("i-2", "checkout", T0, End: null, "sev1", "pagerduty", "outage");

        var labels = HorizonLabeler.Label([T0.AddDays(3)], [open], [], Horizon);

        Assert.Equal(1f, labels.Labels[0]);
    }

    [Fact]
    public void Label_WindowInsideMaintenance_IsExcludedButOthersAreKept()
    {
        var maintenance = new MaintenanceWindow("checkout", T0, T0.AddHours(1), "db upgrade");

        var labels = HorizonLabeler.Label([T0.AddMinutes(-1), T0, T0.AddMinutes(59), T0.AddHours(1)], [], [maintenance], Horizon);

        Assert.Equal([true, false, false, true], labels.Included);
    }

    [Fact]
    public void Label_NonPositiveHorizon_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HorizonLabeler.Label([T0], [], [], TimeSpan.Zero));
}
