using MLOps.Core.Evaluation;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Evaluation;

public class IncidentDetectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly EvaluationPeriod Day = new(T0, T0.AddDays(1));
    private static readonly TimeSpan Horizon = TimeSpan.FromMinutes(30);

    // Incident 10:00-11:00, so an alert counts in [09:30, 11:00].
    private static readonly Incident Outage = new("INC-1", "api", T0.AddHours(10), T0.AddHours(11), "sev2", "pagerduty", "5xx");

    [Theory]
    [InlineData(9 * 60 + 30, true, 30.0)] // exactly start - H: caught 30 minutes early
    [InlineData(10 * 60 + 45, true, -45.0)] // during the incident: caught 45 minutes late
    [InlineData(11 * 60, true, -60.0)] // exactly at the end still counts
    [InlineData(9 * 60 + 29, false, null)] // one minute before the horizon
    [InlineData(11 * 60 + 1, false, null)] // one minute after the end
    public void Match_AlertAroundIncident_CaughtOnlyInsideHorizonToEnd(int alertMinute, bool detected, double? leadMinutes)
    {
        var windows = new[] { new ScoredWindow("api", T0.AddMinutes(alertMinute), 0.9, true) };

        var detection = Assert.Single(IncidentDetection.Match(windows, [Outage], 0.5, Horizon, Day));

        Assert.Equal(detected, detection.Detected);
        Assert.Equal(leadMinutes, detection.LeadTimeMinutes);
    }

    [Fact]
    public void Match_SeveralAlerts_FirstAlertInRangeGivesLeadTime()
    {
        // Alerts at 09:00 (before the range), 09:40 and 10:10; the first in [09:30, 11:00] is 09:40 -> 20 minutes early.
        var windows = new[]
        {
            new ScoredWindow("api", T0.AddHours(10).AddMinutes(10), 0.8, true),
            new ScoredWindow("api", T0.AddHours(9), 0.8, false),
            new ScoredWindow("api", T0.AddHours(9).AddMinutes(40), 0.8, true),
        };

        var detection = Assert.Single(IncidentDetection.Match(windows, [Outage], 0.5, Horizon, Day));

        Assert.Equal(T0.AddHours(9).AddMinutes(40), detection.FirstAlert);
        Assert.Equal(20.0, detection.LeadTimeMinutes);
    }

    [Fact]
    public void Match_AlertOfOtherServiceOrBelowThreshold_NotCaught()
    {
        var windows = new[]
        {
            new ScoredWindow("db", T0.AddHours(10), 0.9, false),
            new ScoredWindow("api", T0.AddHours(10), 0.49, true),
        };

        var detection = Assert.Single(IncidentDetection.Match(windows, [Outage], 0.5, Horizon, Day));

        Assert.False(detection.Detected);
    }

    [Fact]
    public void Match_OpenIncident_EndsAtPeriodEnd()
    {
        // Open incident from 10:00: an alert at 23:59 is still inside [09:30, period end).
        var open = Outage with { End = null };
        var windows = new[] { new ScoredWindow("api", T0.AddHours(23).AddMinutes(59), 0.9, true) };

        var detection = Assert.Single(IncidentDetection.Match(windows, [open], 0.5, Horizon, Day));

        Assert.True(detection.Detected);
        Assert.Equal(-(13 * 60 + 59), detection.LeadTimeMinutes);
    }
}
