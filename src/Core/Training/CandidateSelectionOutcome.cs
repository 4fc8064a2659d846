namespace MLOps.Core.Training;

public enum CandidateSelectionOutcome
{
    /// <summary>The candidate keeps to the pager budget on validation.</summary>
    WithinBudget,

    /// <summary>No detector better than chance keeps to the pager budget; the candidate comes closest.</summary>
    BudgetNotMet,

    /// <summary>Detectors are better than chance but none has a page-level result (no incidents in validation); the candidate has the best PR-AUC.</summary>
    NoPageLevelResult,

    /// <summary>No detector is better than chance on validation; there is no candidate and nothing should be registered.</summary>
    NoneBetterThanChance,
}
