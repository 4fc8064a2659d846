using MLOps.Core.Lifecycle;

namespace MLOps.Core.Alerting;

/// <summary>
/// An alert episode that has fired and not yet resolved, as the caller stored it. The caller moves
/// <see cref="LastAboveAt"/> forward on every <see cref="DeduplicatedAlert"/> so that the policy can
/// tell how long the service has been quiet.
/// </summary>
public sealed record OpenAlert(
    string DedupKey,
    string Model,
    string Version,
    ModelStage Stage,
    string Service,
    DateTimeOffset IncidentStart,
    DateTimeOffset LastAboveAt);
