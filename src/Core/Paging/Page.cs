using MLOps.Core.Alerting;

namespace MLOps.Core.Paging;

/// <summary>
/// One alert episode a version opened in a replay: a page had it been champion. Its span is
/// [<see cref="Start"/>, <see cref="LastAboveAt"/>], first breach to last, which is what is compared with
/// incidents; <see cref="ResolvedAt"/> is when the policy closed it, null when still open at the period end.
/// </summary>
/// <param name="Group">The on-call group it paged: the service's owner, or the service itself when the inventory names none.</param>
/// <param name="Route">Where the alert actually went at the version's stage.</param>
/// <param name="AtNight">Its start falls in the configured night hours of the shift time zone.</param>
/// <param name="Incidents">Ids of the incidents whose [start - horizon, end] its span overlaps; empty for a false alarm.</param>
public sealed record Page(
    string DedupKey,
    string Service,
    string Group,
    DateTimeOffset Start,
    DateTimeOffset LastAboveAt,
    DateTimeOffset? ResolvedAt,
    AlertSeverity Severity,
    AlertRoute Route,
    bool AtNight,
    IReadOnlyList<string> Incidents);
