namespace MLOps.Core.Evaluation;

/// <summary>
/// Threshold-free ranking metrics over (score, label) pairs. A metric that is undefined for the
/// input (no positives, or no negatives for ROC-AUC) is <c>null</c> rather than NaN, so reports
/// serialize to plain JSON and a gate cannot mistake "undefined" for a number.
/// </summary>
public static class RankingMetrics
{
    /// <summary>
    /// Area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive
    /// scores above a random negative, ties counting one half (tied scores share their average rank).
    /// Null when either class is absent.
    /// </summary>
    public static double? RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ValidatePairs(scores, labels);
        var order = SortedIndices(scores, descending: false);
        long positives = 0;
        var positiveRankSum = 0.0;
        var i = 0;
        while (i < order.Length)
        {
            // A run of equal scores occupies ranks i+1 .. j; each member gets the run's average rank.
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = (i + 1 + j + 1) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }

            i = j + 1;
        }

        long negatives = order.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision, the step-wise area under the precision-recall curve as scikit-learn's
    /// <c>average_precision_score</c> computes it: sum over distinct thresholds (descending) of
    /// (R_n - R_(n-1)) * P_n, with no interpolation. Null when there are no positives.
    /// </summary>
    public static double? AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var curve = PrecisionRecallCurve.Compute(scores, labels);
        if (curve.Count == 0 || curve[0].Recall is null)
        {
            return null;
        }

        var sum = 0.0;
        var previousRecall = 0.0;
        foreach (var point in curve)
        {
            var recall = point.Recall!.Value;
            sum += (recall - previousRecall) * point.Precision;
            previousRecall = recall;
        }

        return sum;
    }

    internal static void ValidatePairs(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count != labels.Count)
        {
            throw new ArgumentException($"Got {scores.Count} scores but {labels.Count} labels; they must pair up.", nameof(labels));
        }

        for (var i = 0; i < scores.Count; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"Score at index {i} is NaN; scores must be numbers.", nameof(scores));
            }
        }
    }

    internal static int[] SortedIndices(IReadOnlyList<double> scores, bool descending)
    {
        var order = new int[scores.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = new double[scores.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = descending ? -scores[i] : scores[i];
        }

        Array.Sort(keys, order);
        return order;
    }
}
