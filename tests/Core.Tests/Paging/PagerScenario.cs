using MLOps.Core.Paging;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Paging;

/// <summary>
/// One day of minute scores for three services, with breaches placed by hand. From Monday 2026-03-02 08:00Z:
/// checkout breaches 09:00-09:04 and 09:20 (two pages: the first recovers at 09:09); search at 23:30 (a night page);
/// reports at 03:00 inside maintenance (suppressed) and at 04:00 (a night page). Incidents: checkout 09:10-09:40
/// (caught 10 min early, by two pages), search 12:00-12:30 (missed), reports from 03:58, still open (caught 2 min late).
/// </summary>
internal static class PagerScenario
{
    public const double Threshold = 0.8;

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly string[] Services = ["checkout", "reports", "search"];

    public static readonly ServiceInfo[] Inventory = [new("checkout", 1, "payments"), new("search", 2, "payments"), new("reports", 3, " ")];

    public static readonly Incident[] Incidents =
    [
        new("I1", "checkout", At(9, 10), At(9, 40), "sev2", "pagerduty", "checkout errors"),
        new("I2", "search", At(12, 0), At(12, 30), "sev3", "pagerduty", "slow search"),
        new("I3", "reports", At(27, 58), null, "sev3", "pagerduty", "reports stuck"),
    ];

    public static readonly MaintenanceWindow[] Maintenance = [new("reports", At(26, 50), At(27, 10), "reindex")];

    public const int Windows = 24 * 60;

    /// <summary>Hours past midnight of 2026-03-02 UTC; 27 is 03:00 the next day.</summary>
    public static DateTimeOffset At(int hour, int minute) => new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddHours(hour).AddMinutes(minute);

    public static float[] Scores()
    {
        var scores = new float[Services.Length * Windows];
        Array.Fill(scores, 0.1f);
        void Breach(string service, DateTimeOffset at) => scores[(Array.IndexOf(Services, service) * Windows) + (int)(at - Start).TotalMinutes] = 0.9f;
        for (var minute = 0; minute < 5; minute++)
        {
            Breach("checkout", At(9, minute));
        }

        Breach("checkout", At(9, 20));
        Breach("search", At(23, 30));
        Breach("reports", At(27, 0));
        Breach("reports", At(28, 0));
        return scores;
    }

    public static PagerReplayInput Input(ModelStage stage = ModelStage.Champion, IReadOnlyList<ServiceInfo>? inventory = null) =>
        new(Start, Windows, Services, [new ReplayedVersion("latency-anomaly", "7", stage, Threshold, Scores())], inventory ?? Inventory, Maintenance, [], Incidents);
}
