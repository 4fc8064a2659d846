using MLOps.Core.Telemetry;

namespace MLOps.Core.Evaluation;

/// <summary>
/// One detector's validation scores, laid out as in <see cref="Paging.ReplayedVersion"/>:
/// <c>Scores[service * windows + window]</c>, window w ending at <see cref="Start"/> + w × the policy's
/// window step, NaN where a service has no score; and what happened over that period.
/// </summary>
public sealed record PagerBudgetSelectionInput(
    DateTimeOffset Start,
    int Windows,
    IReadOnlyList<string> Services,
    float[] Scores,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<MaintenanceWindow> Maintenance,
    IReadOnlyList<ServiceInfo> Inventory)
{
    /// <summary>Deploys only annotate alerts; they change no page, so they may be left out.</summary>
    public IReadOnlyList<DeployEvent> Deploys { get; init; } = [];
}
