namespace MLOps.Core.Evaluation;

public enum ThresholdSelectionOutcome
{
    /// <summary>A threshold reaches the target precision and keeps the recall floor.</summary>
    TargetMet,

    /// <summary>No threshold keeping the recall floor reaches the target precision; the most precise of them was chosen.</summary>
    TargetPrecisionNotReached,

    /// <summary>The validation data has no positive window, so no threshold can be judged; none was chosen.</summary>
    NoPositiveLabels,
}
