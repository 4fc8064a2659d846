using MLOps.Ingestion.Prometheus;

namespace MLOps.Ingestion.Tests;

public sealed class PrometheusPullOptionsValidatorTests
{
    private static readonly PrometheusQueryOptions Valid = new() { Name = "latency", Query = "histogram_quantile(0.95, rate(x[5m]))", Metric = "latency_p95_seconds" };

    [Fact]
    public void Validate_NoQueriesAndNoUrl_Succeeds()
    {
        Assert.True(new PrometheusPullOptionsValidator().Validate(null, new PrometheusPullOptions()).Succeeded);
    }

    [Fact]
    public void Validate_QueriesWithoutUrl_FailsNamingBaseUrl()
    {
        var result = new PrometheusPullOptionsValidator().Validate(null, new PrometheusPullOptions { Queries = [Valid] });

        Assert.Contains(result.Failures!, failure => failure.Contains("BaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BadMetricDuplicateNameAndTooManyPoints_ReportsEach()
    {
        var options = new PrometheusPullOptions
        {
            BaseUrl = new Uri("http://prometheus:9090"),
            Queries =
            [
                Valid,
                new PrometheusQueryOptions { Name = "latency", Query = "up", Metric = "not-a-metric" },
                new PrometheusQueryOptions { Name = "dense", Query = "up", Metric = "up", Step = TimeSpan.FromSeconds(1), MaxCatchUpPerRun = TimeSpan.FromHours(4) },
            ],
        };

        var failures = new PrometheusPullOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, failure => failure.Contains("'latency' is used more than once", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Queries[1]", StringComparison.Ordinal) && failure.Contains("Metric", StringComparison.Ordinal));
        Assert.Contains(failures, failure => failure.StartsWith("Queries[2]", StringComparison.Ordinal) && failure.Contains("11000", StringComparison.Ordinal));
    }
}
