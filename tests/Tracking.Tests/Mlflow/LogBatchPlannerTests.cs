using System.Text;
using CsCheck;
using MLOps.Tracking.Mlflow;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed class LogBatchPlannerTests
{
    private const string RunId = "b8a493ae7c19476f993fa86a1bd91c5e";

    private static readonly Gen<string> Key = Gen.String[Gen.Char["abcxyz_-./ 019"], 1, 40];

    // Quotes, backslashes and non-ASCII grow when JSON-escaped: the size check must count the escaped form.
    private static readonly Gen<string> Value = Gen.String[Gen.Char["ab\"\\é€\n0"], 0, 300];

    private static readonly Gen<MlflowMetric> Metric =
        Gen.Select(Key, Gen.Double, Gen.Long[0, 1_800_000_000_000], Gen.Long[0, 1_000_000], (key, value, timestamp, step) => new MlflowMetric(key, value, timestamp, step));

    private static readonly Gen<MlflowBatch> Batch = Gen.Select(
        Metric.List[0, 400],
        Gen.Select(Key, Value, (key, value) => new MlflowParam(key, value)).List[0, 120],
        Gen.Select(Key, Value, (key, value) => new MlflowTag(key, value)).List[0, 120],
        (metrics, parameters, tags) => new MlflowBatch(metrics, parameters, tags));

    private static readonly Gen<MlflowLimits> SmallLimits = Gen.Select(
        Gen.Int[1, 50], Gen.Int[1, 20], Gen.Int[1, 20], Gen.Int[1, 60], Gen.Int[4_000, 20_000],
        (metrics, parameters, tags, items, bytes) => new MlflowLimits
        {
            MaxMetricsPerRequest = metrics,
            MaxParamsPerRequest = parameters,
            MaxTagsPerRequest = tags,
            MaxItemsPerRequest = items,
            MaxRequestBytes = bytes,
        });

    [Fact]
    public void Plan_Empty_SendsNothing()
    {
        Assert.Empty(LogBatchPlanner.Plan(RunId, MlflowBatch.Empty));
    }

    [Fact]
    public void Plan_2500Metrics_ThreeRequestsOfAtMost1000()
    {
        var metrics = Enumerable.Range(0, 2500).Select(step => new MlflowMetric("loss", step, 1, step)).ToList();

        var plan = LogBatchPlanner.Plan(RunId, new MlflowBatch(metrics, [], []));

        Assert.Equal([1000, 1000, 500], plan.Select(request => request.Metrics.Count));
    }

    [Fact]
    public void Plan_250ParamsAnd150Tags_AtMost100OfEachPerRequest()
    {
        var parameters = Enumerable.Range(0, 250).Select(i => new MlflowParam($"p{i}", "v")).ToList();
        var tags = Enumerable.Range(0, 150).Select(i => new MlflowTag($"t{i}", "v")).ToList();

        var plan = LogBatchPlanner.Plan(RunId, new MlflowBatch([], parameters, tags));

        Assert.All(plan, request => Assert.InRange(request.Params.Count, 0, 100));
        Assert.All(plan, request => Assert.InRange(request.Tags.Count, 0, 100));
        Assert.Equal(250, plan.Sum(request => request.Params.Count));
        Assert.Equal(150, plan.Sum(request => request.Tags.Count));
        Assert.Equal(3, plan.Count);
    }

    [Fact]
    public void Plan_1100MixedItems_NoRequestCarriesMoreThan1000()
    {
        var batch = new MlflowBatch(
            [.. Enumerable.Range(0, 900).Select(step => new MlflowMetric("m", 1, 1, step))],
            [.. Enumerable.Range(0, 100).Select(i => new MlflowParam($"p{i}", "v"))],
            [.. Enumerable.Range(0, 100).Select(i => new MlflowTag($"t{i}", "v"))]);

        var plan = LogBatchPlanner.Plan(RunId, batch);

        Assert.Equal([1000, 100], plan.Select(request => request.Count));
        Assert.Equal((100, 100, 800), (plan[0].Params.Count, plan[0].Tags.Count, plan[0].Metrics.Count));
    }

    [Fact]
    public void Plan_ParamsAndTagsAtMaximumLength_SplitsBelowOneMegabyte()
    {
        var batch = new MlflowBatch(
            [],
            [.. Enumerable.Range(0, 100).Select(i => new MlflowParam($"p{i}", new string('x', 6000)))],
            [.. Enumerable.Range(0, 100).Select(i => new MlflowTag($"t{i}", new string('y', 5000)))]);

        var plan = LogBatchPlanner.Plan(RunId, batch);

        Assert.Equal(2, plan.Count);
        Assert.All(plan, request => Assert.InRange(BodyBytes(request), 1, 1_000_000));
    }

    [Fact]
    public void Plan_ItemLargerThanAWholeRequest_Throws()
    {
        var limits = new MlflowLimits { MaxRequestBytes = 200 };

        var error = Assert.Throws<ArgumentException>(() =>
            LogBatchPlanner.Plan(RunId, new MlflowBatch([], [new MlflowParam("p", new string('x', 500))], []), limits));

        Assert.Contains("does not fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AnyCountsOfSmallItems_NeedsOnlyAsManyRequestsAsTheFullestKind()
    {
        Gen.Select(Gen.Int[0, 3000], Gen.Int[0, 300], Gen.Int[0, 300]).Sample((metricCount, paramCount, tagCount) =>
        {
            var batch = new MlflowBatch(
                [.. Enumerable.Range(0, metricCount).Select(step => new MlflowMetric("m", 1, 1, step))],
                [.. Enumerable.Range(0, paramCount).Select(i => new MlflowParam($"p{i}", "v"))],
                [.. Enumerable.Range(0, tagCount).Select(i => new MlflowTag($"t{i}", "v"))]);

            var plan = LogBatchPlanner.Plan(RunId, batch);

            var byKind = new[] { Ceiling(metricCount, 1000), Ceiling(paramCount, 100), Ceiling(tagCount, 100), Ceiling(batch.Count, 1000) }.Max();
            Assert.Equal(byKind, plan.Count);
        }, iter: 100);
    }

    [Fact]
    public void Plan_AnyBatch_EveryRequestWithinEveryLimit()
    {
        Gen.Select(Batch, SmallLimits).Sample((batch, limits) =>
        {
            foreach (var request in LogBatchPlanner.Plan(RunId, batch, limits))
            {
                Assert.InRange(request.Count, 1, limits.MaxItemsPerRequest);
                Assert.InRange(request.Metrics.Count, 0, limits.MaxMetricsPerRequest);
                Assert.InRange(request.Params.Count, 0, limits.MaxParamsPerRequest);
                Assert.InRange(request.Tags.Count, 0, limits.MaxTagsPerRequest);
                Assert.InRange(BodyBytes(request), 1, limits.MaxRequestBytes);
            }
        }, iter: 200);
    }

    [Fact]
    public void Plan_AnyBatch_SendsEveryItemOnceInOrder()
    {
        Gen.Select(Batch, SmallLimits).Sample((batch, limits) =>
        {
            var plan = LogBatchPlanner.Plan(RunId, batch, limits);

            Assert.Equal(batch.Metrics, plan.SelectMany(request => request.Metrics));
            Assert.Equal(batch.Params, plan.SelectMany(request => request.Params));
            Assert.Equal(batch.Tags, plan.SelectMany(request => request.Tags));
        }, iter: 200);
    }

    [Fact]
    public void Plan_SmallItemsOfOneKind_UsesTheFewestRequests()
    {
        Gen.Select(Gen.Int[0, 5000], Gen.Int[1, 1000]).Sample((count, perRequest) =>
        {
            var limits = new MlflowLimits { MaxMetricsPerRequest = perRequest };
            var metrics = Enumerable.Range(0, count).Select(step => new MlflowMetric("m", 0.5, 1, step)).ToList();

            var plan = LogBatchPlanner.Plan(RunId, new MlflowBatch(metrics, [], []), limits);

            Assert.Equal((count + perRequest - 1) / perRequest, plan.Count);
        }, iter: 100);
    }

    private static int Ceiling(int count, int perRequest) => (count + perRequest - 1) / perRequest;

    private static int BodyBytes(MlflowBatch request) => Encoding.UTF8.GetByteCount(MlflowClient.LogBatchBody(RunId, request));
}
