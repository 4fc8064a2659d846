using MLOps.Core.Alerting;

namespace MLOps.Core.Paging;

/// <summary>
/// The alert episodes that are open between two policy passes, and the one way they change: by applying
/// a pass's decisions as the alert store does (resolves first, so an episode the policy replaces closes
/// before its successor opens; a new alert opens an episode; a de-duplicated one moves its last breach
/// forward, never back; a resolve closes it). The online store and the pager replay both keep their
/// episodes through this type, so the two cannot drift apart.
/// </summary>
/// <remarks>
/// Applying a decision twice changes nothing the second time, as re-recording a retried pass does not:
/// a new alert whose episode is already open, an extension that is not later than the stored last breach
/// and a resolve of an episode no longer open are no-ops. Not thread-safe; one pass at a time.
/// </remarks>
public sealed class OpenEpisodes
{
    private readonly Dictionary<EpisodeIdentity, OpenAlert> _open = [];

    public OpenEpisodes()
    {
    }

    /// <exception cref="ArgumentException">Two episodes are open for one model version and service.</exception>
    public OpenEpisodes(IEnumerable<OpenAlert> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        foreach (var episode in open)
        {
            ArgumentNullException.ThrowIfNull(episode);
            if (!_open.TryAdd(EpisodeIdentity.Of(episode), episode))
            {
                throw new ArgumentException(
                    $"Two open episodes for model {episode.Model} version {episode.Version} on {episode.Service}; there can be only one.",
                    nameof(open));
            }
        }
    }

    public int Count => _open.Count;

    /// <summary>The open episodes ordered by service, model and version, as the store loads them.</summary>
    public IReadOnlyList<OpenAlert> ToList() =>
        [.. _open.Values
            .OrderBy(episode => episode.Service, StringComparer.Ordinal)
            .ThenBy(episode => episode.Model, StringComparer.Ordinal)
            .ThenBy(episode => episode.Version, StringComparer.Ordinal)];

    public OpenAlert? Find(string model, string version, string service) =>
        _open.GetValueOrDefault(new EpisodeIdentity(model, version, service));

    /// <summary>
    /// The decisions in the order they must be applied: every resolve first, otherwise as given. The policy
    /// lists a replaced episode's resolve after its successor's new alert, and only one episode per model
    /// version and service may be open.
    /// </summary>
    public static IReadOnlyList<AlertDecision> InApplicationOrder(IReadOnlyList<AlertDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        return [.. decisions.OrderBy(decision => decision is ResolvedAlert ? 0 : 1)];
    }

    /// <summary>Applies one pass's decisions in <see cref="InApplicationOrder"/>; returns the changes in the order they were made.</summary>
    /// <exception cref="InvalidOperationException">A new alert would open a second episode for a model version and service.</exception>
    public IReadOnlyList<EpisodeChange> ApplyPass(IReadOnlyList<AlertDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var changes = new List<EpisodeChange>(decisions.Count);

        // Two sweeps rather than InApplicationOrder's sort: the replay applies a pass every simulated minute.
        for (var i = 0; i < decisions.Count; i++)
        {
            if (decisions[i] is ResolvedAlert && Apply(decisions[i]) is { } change)
            {
                changes.Add(change);
            }
        }

        for (var i = 0; i < decisions.Count; i++)
        {
            if (decisions[i] is not ResolvedAlert && Apply(decisions[i]) is { } change)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    /// <summary>Applies one decision; null when it changes no episode.</summary>
    /// <exception cref="InvalidOperationException">A new alert would open a second episode for a model version and service.</exception>
    public EpisodeChange? Apply(AlertDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        switch (decision)
        {
            case NewAlert alert:
                var identity = new EpisodeIdentity(alert.Model, alert.Version, alert.Service);
                if (_open.TryGetValue(identity, out var existing))
                {
                    if (existing.DedupKey == alert.DedupKey)
                    {
                        return null;
                    }

                    // The store's unique index on open episodes refuses this too; a silent overwrite would lose the page.
                    throw new InvalidOperationException(
                        $"New alert {alert.DedupKey} would open a second episode for model {alert.Model} version {alert.Version} on {alert.Service}; {existing.DedupKey} is still open.");
                }

                var opened = alert.ToOpenAlert();
                _open.Add(identity, opened);
                return new EpisodeOpened(alert, opened);

            case DeduplicatedAlert duplicate:
                var key = EpisodeIdentity.Of(duplicate.Episode);
                if (!_open.TryGetValue(key, out var before) || before.DedupKey != duplicate.Episode.DedupKey || duplicate.LastAboveAt <= before.LastAboveAt)
                {
                    return null;
                }

                var after = before with { LastAboveAt = duplicate.LastAboveAt };
                _open[key] = after;
                return new EpisodeExtended(duplicate, before, after);

            case ResolvedAlert resolved:
                var closing = EpisodeIdentity.Of(resolved.Episode);
                if (!_open.TryGetValue(closing, out var episode) || episode.DedupKey != resolved.Episode.DedupKey)
                {
                    return null;
                }

                _open.Remove(closing);
                return new EpisodeClosed(resolved, episode);

            default:
                return null;
        }
    }

    private readonly record struct EpisodeIdentity(string Model, string Version, string Service)
    {
        public static EpisodeIdentity Of(OpenAlert episode) => new(episode.Model, episode.Version, episode.Service);
    }
}
