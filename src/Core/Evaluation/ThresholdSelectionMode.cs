namespace MLOps.Core.Evaluation;

/// <summary>What an alert threshold is chosen for on validation data.</summary>
public enum ThresholdSelectionMode
{
    /// <summary>
    /// The highest incident recall whose simulated pages keep to the pager budget (<see cref="PagerBudgetSelector"/>):
    /// judged on what on-call would receive after the alert policy's grouping, suppression and de-duplication.
    /// </summary>
    PagerBudget,

    /// <summary>A target window precision with a recall floor (<see cref="ThresholdSelector"/>): judged on windows, not pages.</summary>
    WindowPrecision,
}
