using MLOps.Core.Evaluation.Nab;

namespace MLOps.Core.Tests.Evaluation.Nab;

public class NabNormalizerTests
{
    [Fact]
    public void Normalize_NullAndPerfectDetectors_Are0And100()
    {
        // 10 windows, standard: null = -10 * 1 = -10, perfect = 10 * 1 = 10.
        Assert.Equal(0.0, NabNormalizer.Normalize(-10.0, 10, NabProfile.Standard), 12);
        Assert.Equal(100.0, NabNormalizer.Normalize(10.0, 10, NabProfile.Standard), 12);
        // Raw 0: 100 * (0 + 10) / (10 + 10) = 50; with fnWeight 2: 100 * (0 + 20) / (10 + 20) = 66.67.
        Assert.Equal(50.0, NabNormalizer.Normalize(0.0, 10, NabProfile.Standard), 12);
        Assert.Equal(200.0 / 3.0, NabNormalizer.Normalize(0.0, 10, NabProfile.RewardLowFalseNegativeRate), 12);
    }

    [Theory]
    // NAB's published windowedGaussian raw scores summed over the 17 realAWSCloudwatch files (30 windows)
    // give 31.24 / 4.92 / 41.94 on that subset (NAB's per-file results table, renormalized).
    [InlineData("standard", -11.256216, 31.24)]
    [InlineData("reward_low_FP_rate", -27.047633, 4.92)]
    [InlineData("reward_low_FN_rate", -22.256216, 41.94)]
    public void Normalize_PublishedSubsetSums_GivePublishedScores(string profileName, double rawSum, double normalized)
    {
        var profile = NabProfile.All.Single(p => p.Name == profileName);

        Assert.Equal(normalized, Math.Round(NabNormalizer.Normalize(rawSum, 30, profile), 2));
    }

    [Fact]
    public void Normalize_NoWindows_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NabNormalizer.Normalize(0.0, 0, NabProfile.Standard));
    }
}
