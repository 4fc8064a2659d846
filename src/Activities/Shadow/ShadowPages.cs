using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using MLOps.Storage.Scoring;

namespace MLOps.Activities.Shadow;

/// <summary>
/// What one version's stored scores over a shadow window would have paged had it been champion: the scores replayed
/// through the online alert policy (maintenance suppressed as online), pages counted per shift per owner.
/// </summary>
public static class ShadowPages
{
    public static PageSummary Measure(
        IReadOnlyList<ModelScore> versionScores,
        double threshold,
        IReadOnlyList<Incident> incidents,
        IReadOnlyList<MaintenanceWindow> maintenance,
        IReadOnlyList<ServiceInfo> inventory,
        PagerSimulator simulator,
        AlertPolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(versionScores);
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(policy);
        var step = policy.WindowStep.Ticks;
        var start = versionScores.Min(score => score.WindowEnd);
        var windows = checked((int)((versionScores.Max(score => score.WindowEnd) - start).Ticks / step) + 1);
        var services = versionScores.Select(score => score.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = services.Select((service, i) => (service, i)).ToDictionary(pair => pair.service, pair => pair.i, StringComparer.Ordinal);
        var grid = new float[services.Length * windows];
        Array.Fill(grid, float.NaN);
        foreach (var score in versionScores)
        {
            // Scores land on the policy's step; one off it counts in the window it falls in.
            grid[(index[score.Service] * windows) + (int)((score.WindowEnd - start).Ticks / step)] = (float)score.Score;
        }

        var version = new ReplayedVersion(versionScores[0].Model, versionScores[0].Version, ModelStage.Champion, (float)threshold, grid);
        var reports = simulator.Simulate(new PagerReplayInput(start, windows, services, [version], inventory, maintenance, [], incidents));
        return reports[0].Summary;
    }
}
