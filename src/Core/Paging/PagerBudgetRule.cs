namespace MLOps.Core.Paging;

/// <summary>Which shifts must keep to the pager budget for a version to be within it.</summary>
public enum PagerBudgetRule
{
    /// <summary>
    /// Every shift of every group: the largest count of pages any group received in any shift is at most the
    /// budget. "At most two pages per shift" is a promise to each person on call, and the person who got
    /// six pages on Tuesday night is not consoled by a quiet median.
    /// </summary>
    EveryShift,

    /// <summary>
    /// The 95th percentile of pages per shift over every group and shift is at most the budget: for long
    /// periods over many groups, where a single storm would otherwise rule out every threshold.
    /// </summary>
    Percentile95,
}
