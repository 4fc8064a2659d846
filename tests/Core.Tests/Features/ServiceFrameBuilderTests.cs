using MLOps.Core.Features;
using MLOps.Core.Telemetry;

namespace MLOps.Core.Tests.Features;

public class ServiceFrameBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_SubMinuteTimes_AlignToTheMinuteFloor()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", "cpu", T0.AddSeconds(59.9), 10);
        builder.Add("h1", "cpu", T0.AddMinutes(2).AddSeconds(1), 30);

        var frame = builder.Build();

        Assert.Equal(T0, frame.Grid.Start);
        Assert.Equal(3, frame.Grid.Length);
        Assert.Equal([10, double.NaN, 30], frame.Series(0, 0).ToArray());
    }

    [Fact]
    public void Build_DuplicateTimestamps_AveragesThem()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", "cpu", T0, 10);
        builder.Add("h1", "cpu", T0, 20);
        builder.Add("h1", "cpu", T0.AddSeconds(30), 60);

        var frame = builder.Build();

        Assert.Equal(30, frame.Series(0, 0)[0]);
    }

    [Fact]
    public void Build_LateSamples_GiveTheSameFrameAsInOrderSamples()
    {
        var samples = Enumerable.Range(0, 50)
            .SelectMany(i => new[] { ("h1", i, i * 1.5), ("h2", i, 100 - i) })
            .ToList();
        var inOrder = new ServiceFrameBuilder("checkout");
        var shuffled = new ServiceFrameBuilder("checkout");
        foreach (var (host, minute, value) in samples)
        {
            inOrder.Add(host, "cpu", T0.AddMinutes(minute), value);
        }

        foreach (var (host, minute, value) in samples.OrderBy(s => (s.Item2 * 7919) % 50).Reverse())
        {
            shuffled.Add(host, "cpu", T0.AddMinutes(minute), value);
        }

        var expected = inOrder.Build();
        var actual = shuffled.Build();

        Assert.Equal(expected.Grid, actual.Grid);
        Assert.Equal(expected.Hosts, actual.Hosts);
        Assert.Equal(expected.Series(0, 0).ToArray(), actual.Series(0, 0).ToArray());
        Assert.Equal(expected.Series(0, 1).ToArray(), actual.Series(0, 1).ToArray());
    }

    [Fact]
    public void Build_HostsAndMetrics_AreOrdinallySortedWhateverTheArrivalOrder()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("host-b", "mem", T0, 1);
        builder.Add("host-a", "cpu", T0, 2);

        var frame = builder.Build();

        Assert.Equal(["host-a", "host-b"], frame.Hosts);
        Assert.Equal(["cpu", "mem"], frame.Metrics);
        Assert.Equal(2, frame.Series(frame.MetricIndex("cpu"), 0)[0]);
        Assert.True(double.IsNaN(frame.Series(frame.MetricIndex("cpu"), 1)[0]));
        Assert.Equal(-1, frame.MetricIndex("latency"));
    }

    [Fact]
    public void Build_EqualNamesAsDistinctStringInstances_LandInOneSeries()
    {
        var builder = new ServiceFrameBuilder("checkout");
        for (var m = 0; m < 20; m++)
        {
            // A fresh instance each time, as a parser that does not intern would hand over.
            builder.Add(new string("host-1".AsSpan()), new string("cpu".AsSpan()), T0.AddMinutes(m), m);
        }

        var frame = builder.Build();

        Assert.Equal(["host-1"], frame.Hosts);
        Assert.Equal(["cpu"], frame.Metrics);
        Assert.Equal(19, frame.Series(0, 0)[19]);
    }

    [Fact]
    public void Build_GivenGrid_LeavesOutSamplesOutsideIt()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", "cpu", T0.AddMinutes(-1), 1);
        builder.Add("h1", "cpu", T0, 2);
        builder.Add("h1", "cpu", T0.AddMinutes(5), 3);

        var frame = builder.Build(MinuteGrid.Covering(T0, T0.AddMinutes(4)));

        Assert.Equal([2, double.NaN, double.NaN, double.NaN, double.NaN], frame.Series(0, 0).ToArray());
    }

    [Fact]
    public void Build_NoSamples_GivesAnEmptyFrame()
    {
        var frame = new ServiceFrameBuilder("checkout").Build();

        Assert.Equal(0, frame.Grid.Length);
        Assert.Empty(frame.Hosts);
    }

    [Fact]
    public void Add_SampleOfAnotherService_Throws()
    {
        var builder = new ServiceFrameBuilder("checkout");

        var error = Assert.Throws<ArgumentException>(() =>
            builder.Add(new TelemetrySample(T0, "payments", "h1", "eu", "prod", "cpu", 1)));

        Assert.Contains("payments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_NonFiniteValue_ThrowsNamingTheSeries()
    {
        var builder = new ServiceFrameBuilder("checkout");

        var error = Assert.Throws<ArgumentException>(() => builder.Add("h1", "cpu", T0, double.PositiveInfinity));

        Assert.Contains("checkout/h1/cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_ThenAnotherService_ForgetsThePreviousSamples()
    {
        var builder = new ServiceFrameBuilder("checkout");
        builder.Add("h1", "cpu", T0, 1);

        builder.Clear("payments");
        builder.Add("p1", "mem", T0.AddMinutes(3), 2);
        var frame = builder.Build();

        Assert.Equal("payments", frame.Service);
        Assert.Equal(["p1"], frame.Hosts);
        Assert.Equal(1, frame.Grid.Length);
    }
}
