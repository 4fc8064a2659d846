namespace MLOps.Core.Evaluation;

/// <summary>What the alert threshold is chosen for on validation data.</summary>
public sealed class ThresholdSelectionOptions
{
    /// <summary>
    /// Which selector chooses: the pager budget by default. <see cref="TargetPrecision"/>, <see cref="MinimumRecall"/>
    /// and <see cref="MaxCurvePoints"/> belong to <see cref="ThresholdSelectionMode.WindowPrecision"/>.
    /// </summary>
    public ThresholdSelectionMode Mode { get; set; } = ThresholdSelectionMode.PagerBudget;

    /// <summary>Share of alerts that should be real (window followed by an incident).</summary>
    public double TargetPrecision { get; set; } = 0.5;

    /// <summary>Window recall the threshold must keep, whatever the precision.</summary>
    public double MinimumRecall { get; set; } = 0.3;

    /// <summary>Most points of the precision-recall curve the selection carries (see <see cref="PrecisionRecallCurve.Thin"/>).</summary>
    public int MaxCurvePoints { get; set; } = 200;

    /// <summary>Throws when a value is out of range; call it at start-up when the options come from configuration.</summary>
    public void Validate()
    {
        if (!(TargetPrecision is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(TargetPrecision), TargetPrecision, "Target precision must be in (0, 1].");
        }

        if (!(MinimumRecall is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumRecall), MinimumRecall, "Minimum recall must be in [0, 1].");
        }

        if (MaxCurvePoints < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCurvePoints), MaxCurvePoints, "The carried curve needs at least 3 points (first, chosen, last).");
        }
    }
}
