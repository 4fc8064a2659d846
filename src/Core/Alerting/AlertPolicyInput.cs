using MLOps.Core.Telemetry;

namespace MLOps.Core.Alerting;

/// <summary>Everything one evaluation pass looks at; the policy itself holds no state.</summary>
/// <param name="EvaluatedAt">The end of the newest window scored in this pass.</param>
/// <param name="Candidates">Every score of the pass, under the threshold too.</param>
public sealed record AlertPolicyInput(
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<CandidateAlert> Candidates,
    IReadOnlyList<OpenAlert> OpenAlerts,
    IReadOnlyList<ServiceInfo> Services,
    IReadOnlyList<MaintenanceWindow> MaintenanceWindows,
    IReadOnlyList<DeployEvent> RecentDeploys);
