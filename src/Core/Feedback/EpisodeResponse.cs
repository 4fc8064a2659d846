namespace MLOps.Core.Feedback;

/// <summary>How on-call answered one paged episode in PagerDuty.</summary>
/// <param name="AcknowledgedAt">The first acknowledgement: an un-acknowledge and a second acknowledgement do not make the first one later.</param>
/// <param name="ResolvedAt">The last resolve seen, which is when the incident finally ended.</param>
public sealed record EpisodeResponse(string DedupKey, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt)
{
    /// <summary>
    /// Folds recorded PagerDuty events into one response per episode key. An event id seen twice (a redelivery
    /// or replay) counts once; events without an incident key match no episode and are left out.
    /// </summary>
    public static IReadOnlyList<EpisodeResponse> FromEvents(IEnumerable<PagerDutyIncidentEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, EpisodeResponse>(StringComparer.Ordinal);
        foreach (var change in events)
        {
            if (change.IncidentKey is not { } key || !seen.Add(change.EventId))
            {
                continue;
            }

            var response = byKey.GetValueOrDefault(key) ?? new EpisodeResponse(key, null, null);
            byKey[key] = change.Change switch
            {
                PagerDutyIncidentChange.Acknowledged => response with { AcknowledgedAt = Earlier(response.AcknowledgedAt, change.OccurredAt) },
                PagerDutyIncidentChange.Resolved => response with { ResolvedAt = Later(response.ResolvedAt, change.OccurredAt) },
                _ => throw new ArgumentOutOfRangeException(nameof(events), change.Change, "Unknown incident change."),
            };
        }

        return byKey.Values.OrderBy(response => response.DedupKey, StringComparer.Ordinal).ToArray();
    }

    private static DateTimeOffset Earlier(DateTimeOffset? held, DateTimeOffset time) => held is { } h && h <= time ? h : time;

    private static DateTimeOffset Later(DateTimeOffset? held, DateTimeOffset time) => held is { } h && h >= time ? h : time;
}
