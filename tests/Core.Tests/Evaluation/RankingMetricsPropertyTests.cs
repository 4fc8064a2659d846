using CsCheck;
using MLOps.Core.Evaluation;

namespace MLOps.Core.Tests.Evaluation;

/// <summary>
/// The fast metrics against naive definitions on random inputs. Scores come from a handful of
/// values so ties are common.
/// </summary>
public class RankingMetricsPropertyTests
{
    private static readonly Gen<(double Score, bool Label)[]> Samples =
        Gen.Select(Gen.Int[0, 6].Select(step => step / 6.0), Gen.Bool).Array[0, 40];

    [Fact]
    public void RocAuc_RandomSamples_EqualsPairwiseProbability()
    {
        Samples.Sample(samples =>
        {
            var (scores, labels) = Split(samples);
            var positives = samples.Where(s => s.Label).Select(s => s.Score).ToArray();
            var negatives = samples.Where(s => !s.Label).Select(s => s.Score).ToArray();
            var actual = RankingMetrics.RocAuc(scores, labels);
            if (positives.Length == 0 || negatives.Length == 0)
            {
                Assert.Null(actual);
                return;
            }

            // P(positive > negative) + 1/2 P(positive == negative) over all pairs.
            var wins = positives.Sum(p => negatives.Sum(n => p > n ? 1.0 : p == n ? 0.5 : 0.0));
            Assert.Equal(wins / (positives.Length * negatives.Length), actual!.Value, 10);
        });
    }

    [Fact]
    public void AveragePrecision_RandomSamples_EqualsDefinitionSum()
    {
        Samples.Sample(samples =>
        {
            var (scores, labels) = Split(samples);
            var totalPositives = labels.Count(label => label);
            var actual = RankingMetrics.AveragePrecision(scores, labels);
            if (totalPositives == 0)
            {
                Assert.Null(actual);
                return;
            }

            // Sum over distinct thresholds t (descending) of (R_n - R_(n-1)) * P_n, where P and R
            // count every sample with score >= t, recomputed from scratch at each threshold.
            var expected = 0.0;
            var previousRecall = 0.0;
            foreach (var threshold in scores.Distinct().OrderDescending())
            {
                var alerted = samples.Where(s => s.Score >= threshold).ToArray();
                var truePositives = alerted.Count(s => s.Label);
                var precision = (double)truePositives / alerted.Length;
                var recall = (double)truePositives / totalPositives;
                expected += (recall - previousRecall) * precision;
                previousRecall = recall;
            }

            Assert.Equal(expected, actual!.Value, 10);
        });
    }

    private static (double[] Scores, bool[] Labels) Split((double Score, bool Label)[] samples) =>
        (samples.Select(s => s.Score).ToArray(), samples.Select(s => s.Label).ToArray());
}
