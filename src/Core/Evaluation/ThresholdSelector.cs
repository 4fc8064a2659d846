using System.Globalization;

namespace MLOps.Core.Evaluation;

/// <summary>Chooses an alert threshold for a target precision with a floor on recall.</summary>
public static class ThresholdSelector
{
    /// <summary>
    /// Among thresholds whose precision reaches the target and whose recall keeps the floor, picks the
    /// one with the highest recall (the lowest such threshold): as many incidents caught as the
    /// precision budget allows. When none reaches the target, picks the most precise threshold that
    /// still keeps the recall floor (ties: higher recall) and says so. Alerting on every window always
    /// gives recall 1, so some threshold keeps any floor whenever positives exist.
    /// </summary>
    public static ThresholdSelection Select(IReadOnlyList<double> scores, IReadOnlyList<bool> labels, ThresholdSelectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var curve = PrecisionRecallCurve.Compute(scores, labels);
        var target = options.TargetPrecision;
        var floor = options.MinimumRecall;
        if (curve.Count == 0 || curve[0].Recall is null)
        {
            return new ThresholdSelection(
                null,
                ThresholdSelectionOutcome.NoPositiveLabels,
                $"The validation data has {scores.Count} windows and none is positive, so precision and recall cannot be judged.",
                target,
                floor,
                null,
                null,
                PrecisionRecallCurve.Thin(curve, options.MaxCurvePoints));
        }

        var keepingFloor = curve.Where(point => point.Recall >= floor).ToArray();
        var meetingTarget = keepingFloor.Where(point => point.Precision >= target).ToArray();
        if (meetingTarget.Length > 0)
        {
            var best = meetingTarget.MaxBy(point => point.Recall)!;
            return Chosen(best, ThresholdSelectionOutcome.TargetMet, string.Create(
                CultureInfo.InvariantCulture,
                $"Threshold {best.Threshold:G6} reaches precision {best.Precision:F3} (target {target:F3}) with the highest recall that does so, {best.Recall:F3} (floor {floor:F3})."));
        }

        var mostPrecise = keepingFloor
            .OrderByDescending(point => point.Precision)
            .ThenByDescending(point => point.Recall)
            .First();
        return Chosen(mostPrecise, ThresholdSelectionOutcome.TargetPrecisionNotReached, string.Create(
            CultureInfo.InvariantCulture,
            $"No threshold keeping recall at or above {floor:F3} reaches precision {target:F3}; threshold {mostPrecise.Threshold:G6} is the most precise of them, precision {mostPrecise.Precision:F3}, recall {mostPrecise.Recall:F3}."));

        ThresholdSelection Chosen(PrecisionRecallPoint point, ThresholdSelectionOutcome outcome, string reason) =>
            new(point.Threshold, outcome, reason, target, floor, point.Precision, point.Recall, PrecisionRecallCurve.Thin(curve, options.MaxCurvePoints, point));
    }
}
