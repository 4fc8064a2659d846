using MLOps.Core.Alerting;

namespace MLOps.Notifications;

/// <summary>How every channel words why an episode ended.</summary>
internal static class ResolveReasonText
{
    public static string For(ResolveReason reason) => reason switch
    {
        ResolveReason.Recovered => "scores are back under the threshold",
        ResolveReason.Expired => "no further breach within the grouping window",
        ResolveReason.VersionRetired => "the model version lost its stage",
        ResolveReason.StageChanged => "the model version moved to another stage",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown resolve reason."),
    };
}
