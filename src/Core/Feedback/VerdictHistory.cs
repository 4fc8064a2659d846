namespace MLOps.Core.Feedback;

/// <summary>
/// Reads the verdict in force out of an episode's history. History rows are never changed, so these are the
/// only rules about which one counts: the newest by <see cref="AlertVerdict.DecidedAt"/>, and among verdicts
/// given in the same instant the one stored last (<see cref="AlertVerdict.Sequence"/>).
/// </summary>
public static class VerdictHistory
{
    /// <summary>The verdict in force among <paramref name="history"/> (one episode's rows); null when there is none.</summary>
    public static AlertVerdict? Current(IEnumerable<AlertVerdict> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        AlertVerdict? current = null;
        foreach (var verdict in history)
        {
            if (current is null || IsNewer(verdict, current))
            {
                current = verdict;
            }
        }

        return current;
    }

    /// <summary>The verdict in force per episode key, from the rows of any number of episodes.</summary>
    public static IReadOnlyDictionary<string, AlertVerdict> CurrentByEpisode(IEnumerable<AlertVerdict> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var current = new Dictionary<string, AlertVerdict>(StringComparer.Ordinal);
        foreach (var verdict in history)
        {
            if (!current.TryGetValue(verdict.DedupKey, out var held) || IsNewer(verdict, held))
            {
                current[verdict.DedupKey] = verdict;
            }
        }

        return current;
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> only repeats the verdict in force (same verdict, actor and reason).
    /// Slack re-sends an interaction it did not see acknowledged in time, and people click twice; a repeat
    /// writes nothing, which makes every way in idempotent without hiding a real change of mind.
    /// </summary>
    public static bool IsRepeat(AlertVerdict? current, AlertVerdict candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return current is not null
            && string.Equals(current.DedupKey, candidate.DedupKey, StringComparison.Ordinal)
            && current.Verdict == candidate.Verdict
            && string.Equals(current.Actor, candidate.Actor, StringComparison.Ordinal)
            && string.Equals(current.Reason, candidate.Reason, StringComparison.Ordinal);
    }

    private static bool IsNewer(AlertVerdict verdict, AlertVerdict than) =>
        verdict.DecidedAt != than.DecidedAt ? verdict.DecidedAt > than.DecidedAt : verdict.Sequence > than.Sequence;
}
