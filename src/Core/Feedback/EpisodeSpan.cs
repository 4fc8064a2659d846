namespace MLOps.Core.Feedback;

/// <summary>The stretch of a service's windows one verdict speaks about: window ends in [<see cref="Start"/>, <see cref="End"/>], both included.</summary>
public sealed record EpisodeSpan(string DedupKey, string Service, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset windowEnd) => Start <= windowEnd && windowEnd <= End;
}
