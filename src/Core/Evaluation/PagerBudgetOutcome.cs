namespace MLOps.Core.Evaluation;

public enum PagerBudgetOutcome
{
    /// <summary>Some threshold keeps to the budget; the one with the highest incident recall among them was chosen.</summary>
    WithinBudget,

    /// <summary>No threshold tried keeps to the budget; the one with the fewest pages was chosen.</summary>
    BudgetNotMet,

    /// <summary>No incident starts in the validation period, so recall cannot be judged; none was chosen.</summary>
    NoIncidents,

    /// <summary>The validation data has no scored window; none was chosen.</summary>
    NoScores,
}
