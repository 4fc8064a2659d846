using MLOps.Core.Telemetry;

namespace MLOps.Core.Paging;

/// <summary>
/// A period of scored windows to replay through the alert policy: window <c>w</c> ends at
/// <see cref="Start"/> + w × the policy's window step, for every service and version.
/// </summary>
/// <param name="Start">End of the first window; the period is [Start, Start + Windows × step).</param>
/// <param name="Inventory">Tiers for ranking and owners for shift grouping; services it does not list take the default tier and group alone.</param>
/// <param name="Incidents">What actually happened, for the page-level figures; the replay itself never reads them.</param>
public sealed record PagerReplayInput(
    DateTimeOffset Start,
    int Windows,
    IReadOnlyList<string> Services,
    IReadOnlyList<ReplayedVersion> Versions,
    IReadOnlyList<ServiceInfo> Inventory,
    IReadOnlyList<MaintenanceWindow> Maintenance,
    IReadOnlyList<DeployEvent> Deploys,
    IReadOnlyList<Incident> Incidents);
