namespace MLOps.Storage.Feedback;

/// <summary>What recording a verdict did.</summary>
public enum VerdictOutcome
{
    /// <summary>A new history row: the first verdict on the episode or a change of mind.</summary>
    Recorded,

    /// <summary>The same verdict, actor and reason as the one in force (a retry, a double click): nothing written.</summary>
    Repeat,

    /// <summary>No episode has that key: nothing written.</summary>
    UnknownEpisode,
}
