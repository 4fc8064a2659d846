
namespace MLOps.Core.Alerting;

/// <summary>
/// An alert episode that has fired and not yet resolved, as the caller stored it. The caller moves
/// <see cref="LastAboveAt"/> forward on every <see cref="DeduplicatedAlert"/> so that the policy can
/// tell how long the service has been quiet. <see cref="Severity"/> is kept so a resolve carries the
/// same labels as the trigger it ends.
/// </summary>
public sealed record OpenAlert(
    string DedupKey,
    string Model,
    string Version,
    ModelStage Stage,
    string Service,
    AlertSeverity Severity,
    DateTimeOffset IncidentStart,
    DateTimeOffset LastAboveAt);
