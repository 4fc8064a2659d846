namespace MLOps.Core.Lifecycle;

/// <summary>
/// Replays audit lines to tell which version was champion at a moment. Only two actions change the
/// champion: a promotion to <see cref="ModelStage.Champion"/> (the old champion goes on the rollback
/// stack) and a rollback (the line names the version rolled back from; the stack's top comes back).
/// </summary>
public static class ChampionTimeline
{
    /// <param name="entries">The model's audit lines in the order they were decided.</param>
    public static string? ChampionAt(IEnumerable<LifecycleAuditEntry> entries, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entries);
        string? champion = null;
        var previous = new Stack<string>();
        foreach (var entry in entries.TakeWhile(entry => entry.At <= at))
        {
            switch (entry.Action)
            {
                case AuditAction.Promoted when entry.Stage == ModelStage.Champion && entry.Version is not null:
                    if (champion is not null)
                    {
                        previous.Push(champion);
                    }

                    champion = entry.Version;
                    break;
                case AuditAction.RolledBack:
                    champion = previous.TryPop(out var restored) ? restored : null;
                    break;
            }
        }

        return champion;
    }
}
