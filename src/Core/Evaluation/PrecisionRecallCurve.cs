namespace MLOps.Core.Evaluation;

/// <summary>Builds the precision-recall curve at every distinct score, highest threshold first.</summary>
public static class PrecisionRecallCurve
{
    /// <summary>
    /// One point per distinct score, in descending threshold order, as scikit-learn's
    /// <c>precision_recall_curve</c> (without its artificial (recall 0, precision 1) end point).
    /// Empty for empty input.
    /// </summary>
    public static IReadOnlyList<PrecisionRecallPoint> Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        RankingMetrics.ValidatePairs(scores, labels);
        var totalPositives = labels.Count(label => label);
        var order = RankingMetrics.SortedIndices(scores, descending: true);
        var points = new List<PrecisionRecallPoint>();
        int truePositives = 0, falsePositives = 0;
        var i = 0;
        while (i < order.Length)
        {
            // Windows with equal scores are alerted on together, so they enter the curve as one step.
            var threshold = scores[order[i]];
            while (i < order.Length && scores[order[i]] == threshold)
            {
                if (labels[order[i]])
                {
                    truePositives++;
                }
                else
                {
                    falsePositives++;
                }

                i++;
            }

            var precision = (double)truePositives / (truePositives + falsePositives);
            double? recall = totalPositives == 0 ? null : (double)truePositives / totalPositives;
            points.Add(new PrecisionRecallPoint(threshold, truePositives, falsePositives, precision, recall));
        }

        return points;
    }

    /// <summary>
    /// At most <paramref name="maxPoints"/> points of <paramref name="curve"/>, evenly spaced along it,
    /// always keeping its first and last point and <paramref name="keep"/>; a curve over every distinct
    /// score of a large validation set is too big to carry in a report.
    /// </summary>
    public static IReadOnlyList<PrecisionRecallPoint> Thin(IReadOnlyList<PrecisionRecallPoint> curve, int maxPoints, PrecisionRecallPoint? keep = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 3);
        if (curve.Count <= maxPoints)
        {
            return curve;
        }

        // maxPoints - 1 evenly spaced indices (first and last included) leave room for the kept point.
        var spaced = maxPoints - 1;
        var indices = new SortedSet<int>();
        for (var k = 0; k < spaced; k++)
        {
            indices.Add((int)Math.Round(k * (curve.Count - 1) / (double)(spaced - 1)));
        }

        var thinned = indices.Select(index => curve[index]).ToList();
        if (keep is not null && !thinned.Contains(keep))
        {
            thinned.Add(keep);
            thinned.Sort((a, b) => b.Threshold.CompareTo(a.Threshold));
        }

        return thinned;
    }
}
