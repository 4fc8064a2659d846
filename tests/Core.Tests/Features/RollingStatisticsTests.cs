using CsCheck;
using MLOps.Core.Features;

namespace MLOps.Core.Tests.Features;

public class RollingStatisticsTests
{
    // Continuous values, small integers (ties, so MAD = 0 happens) and gaps, with one long gap somewhere.
    private static readonly Gen<double> Value = Gen.Frequency(
        (4, (IGen<double>)Gen.Double[-1000, 1000]),
        (2, Gen.Int[0, 3].Select(i => (double)i)),
        (1, Gen.Const(double.NaN)));

    private static readonly Gen<double[]> SeriesWithGaps = Gen.Select(
        Value.Array[0, 300], Gen.Int[0, 300], Gen.Int[0, 120],
        (values, gapStart, gapLength) =>
        {
            for (var i = gapStart; i < Math.Min(values.Length, gapStart + gapLength); i++)
            {
                values[i] = double.NaN;
            }

            return values;
        });

    [Fact]
    public void Compute_RandomSeriesWithGaps_MatchesReferenceWithin1e9Relative()
    {
        Gen.Select(SeriesWithGaps, Gen.OneOf(Gen.Const(1), Gen.Const(2), Gen.Const(5), Gen.Const(15), Gen.Const(60))).Sample((series, window) =>
        {
            var (mean, std, z) = Run(series, window);
            for (var t = 0; t < series.Length; t++)
            {
                var expected = ReferenceFeatures.Window(series, t, window);
                AssertClose(expected.Mean, mean[t], $"mean t={t} w={window}");
                AssertClose(expected.Std, std[t], $"std t={t} w={window}");
                AssertClose(expected.RobustZ, z[t], $"robust z t={t} w={window}");
            }
        }, iter: 300);
    }

    [Fact]
    public void Compute_LongSmoothSeries_DoesNotDriftFromReference()
    {
        // A large offset and thousands of steps is where running sums lose precision if nothing resyncs them.
        var random = new Random(7);
        var series = new double[5000];
        for (var t = 0; t < series.Length; t++)
        {
            series[t] = 1e6 + (t * 0.37) + random.NextDouble();
        }

        var (mean, std, _) = Run(series, 60);

        for (var t = 0; t < series.Length; t++)
        {
            var expected = ReferenceFeatures.Window(series, t, 60);
            AssertClose(expected.Mean, mean[t], $"mean t={t}");
            AssertClose(expected.Std, std[t], $"std t={t}");
        }
    }

    [Fact]
    public void Compute_EmptySeries_ProducesNothing()
    {
        var (mean, _, _) = Run([], 5);

        Assert.Empty(mean);
    }

    [Fact]
    public void Compute_WindowWithoutValues_IsNaN()
    {
        var (mean, std, z) = Run([double.NaN, double.NaN, 4], 2);

        Assert.True(double.IsNaN(mean[1]) && double.IsNaN(std[1]) && double.IsNaN(z[1]));
        Assert.Equal(4, mean[2]);
    }

    [Fact]
    public void Compute_ConstantSeries_StdAndRobustZAreExactlyZero()
    {
        var series = Enumerable.Repeat(0.1, 100).ToArray();

        var (mean, std, z) = Run(series, 15);

        Assert.All(mean, m => Assert.Equal(0.1, m));
        Assert.All(std, s => Assert.Equal(0, s));
        Assert.All(z, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Compute_SingleSample_MeanIsTheSampleAndStdAndZAreZero()
    {
        var (mean, std, z) = Run([double.NaN, 42.5, double.NaN], 60);

        Assert.Equal(42.5, mean[1]);
        Assert.Equal(0, std[1]);
        Assert.Equal(0, z[1]);
        Assert.Equal(42.5, mean[2]);
        Assert.True(double.IsNaN(z[2]), "the window-end value is missing, so its z-score is undefined");
    }

    [Fact]
    public void Compute_MadZeroWithOutlier_RobustZIsZero()
    {
        // Median 5 and three of four deviations 0: MAD 0, z defined as 0 even though 9 differs.
        var (_, std, z) = Run([5, 5, 5, 9], 4);

        Assert.Equal(0, z[3]);
        Assert.True(std[3] > 0);
    }

    [Fact]
    public void Compute_OutlierAgainstSpread_RobustZMatchesDefinition()
    {
        // Window {1,2,3,4,100}: median 3, deviations {2,1,0,1,97} -> MAD 1.
        var (_, _, z) = Run([1, 2, 3, 4, 100], 5);

        Assert.Equal((100 - 3) / 1.4826, z[4], 12);
    }

    [Fact]
    public void Compute_GapLongerThanWindow_NaNOnceTheWindowIsEmptyThenRecovers()
    {
        double[] series = [1, 2, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 10, 12];

        var (mean, std, _) = Run(series, 3);

        Assert.Equal(2, mean[3]);
        Assert.True(double.IsNaN(mean[4]) && double.IsNaN(mean[6]));
        Assert.Equal(10, mean[7]);
        Assert.Equal(11, mean[8]);
        Assert.Equal(1, std[8]);
    }

    private static (double[] Mean, double[] Std, double[] RobustZ) Run(double[] series, int window)
    {
        var mean = new double[series.Length];
        var std = new double[series.Length];
        var z = new double[series.Length];
        RollingStatistics.Compute(series, window, mean, std, z);
        return (mean, std, z);
    }

    // Relative tolerance; below magnitude 1 it becomes absolute so values that should be 0 can be compared.
    private static void AssertClose(double expected, double actual, string what)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            Assert.True(double.IsNaN(expected) && double.IsNaN(actual), $"{what}: expected {expected}, got {actual}");
            return;
        }

        var tolerance = 1e-9 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }
}
