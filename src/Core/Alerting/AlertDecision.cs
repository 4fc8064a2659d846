
namespace MLOps.Core.Alerting;

/// <summary>What the policy decided for one model version and service in one evaluation pass.</summary>
public abstract record AlertDecision(string Model, string Version, ModelStage Stage, string Service)
{
    public AlertRoute Route => AlertRouting.For(Stage);
}

/// <summary>Why a breach was stored but not sent.</summary>
public enum SuppressionReason
{
    Maintenance,
    InsufficientSignalAgreement,
}

/// <summary>Why an open episode ends.</summary>
public enum ResolveReason
{
    /// <summary>The service scored under the threshold for the configured number of windows.</summary>
    Recovered,

    /// <summary>No breach for longer than the grouping window, for instance because the version stopped scoring.</summary>
    Expired,

    /// <summary>The version lost its stage (rollback or replacement); its open episodes end with it.</summary>
    VersionRetired,

    /// <summary>The version moved to another stage, so its alerts now take another route; a new episode opens there.</summary>
    StageChanged,
}

/// <summary>
/// A breach that opens a new episode and is sent on the stage's route. <see cref="Alert"/> is the
/// strongest of the <see cref="GroupedWindows"/> breaching windows of this pass.
/// </summary>
/// <param name="Rank">1 is the most urgent new alert of the pass.</param>
public sealed record NewAlert(
    CandidateAlert Alert,
    string DedupKey,
    DateTimeOffset IncidentStart,
    DateTimeOffset LastAboveAt,
    int Rank,
    double Priority,
    int Tier,
    AlertSeverity Severity,
    IReadOnlyList<string> Annotations,
    int GroupedWindows)
    : AlertDecision(Alert.Model, Alert.Version, Alert.Stage, Alert.Service)
{
    /// <summary>The episode the caller stores so the next pass can de-duplicate against it.</summary>
    public OpenAlert ToOpenAlert() => new(DedupKey, Model, Version, Stage, Service, Severity, IncidentStart, LastAboveAt);
}

/// <summary>
/// A breach that belongs to an episode already open; it is not sent again as a new alert. The caller
/// moves the episode's <see cref="OpenAlert.LastAboveAt"/> to <see cref="LastAboveAt"/>.
/// </summary>
public sealed record DeduplicatedAlert(CandidateAlert Alert, OpenAlert Episode, DateTimeOffset LastAboveAt, int GroupedWindows)
    : AlertDecision(Alert.Model, Alert.Version, Alert.Stage, Alert.Service);

/// <summary>A breach that is stored with the reason it was held back.</summary>
public sealed record SuppressedAlert(CandidateAlert Alert, SuppressionReason Reason, string Detail)
    : AlertDecision(Alert.Model, Alert.Version, Alert.Stage, Alert.Service);

/// <summary>An open episode that ends now; senders resolve the page or chat thread it opened.</summary>
public sealed record ResolvedAlert(OpenAlert Episode, ResolveReason Reason, DateTimeOffset ResolvedAt)
    : AlertDecision(Episode.Model, Episode.Version, Episode.Stage, Episode.Service);
