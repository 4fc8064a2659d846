namespace MLOps.Core.Paging;

/// <summary>Which of a version's episodes a page report counts as pages.</summary>
public enum PageCounting
{
    /// <summary>
    /// Every episode, whatever the version's stage: what it would have paged had it been champion. The
    /// episodes themselves do not depend on the stage (only their route does), so this is the figure that
    /// compares a shadow candidate with the champion it might replace.
    /// </summary>
    AsChampion,

    /// <summary>Only episodes that actually took the paging route (<see cref="Alerting.AlertRoute.Page"/>): what on-call did receive.</summary>
    ActualRoute,
}
