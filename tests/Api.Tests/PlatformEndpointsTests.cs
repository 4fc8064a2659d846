using System.Net;

namespace MLOps.Api.Tests;

public sealed class PlatformEndpointsTests(NoDatabaseApiFactory factory) : IClassFixture<NoDatabaseApiFactory>
{
    [Fact]
    public async Task Healthz_ProcessAlive_AnswersHealthy()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AfterARequest_ExposesHttpMetricsInPrometheusTextFormat()
    {
        using var client = factory.CreateClient();
        using (await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
        }

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("http_requests_received_total", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Answers404AsProblemJson()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-endpoint", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
