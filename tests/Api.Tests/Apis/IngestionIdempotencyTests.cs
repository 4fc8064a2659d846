using System.Net;
using System.Text;
using MLOps.Core.Security;
using static MLOps.Api.Tests.Apis.IngestionRequests;

namespace MLOps.Api.Tests.Apis;

/// <summary>Ingestion honours Idempotency-Key as the model commands do.</summary>
public sealed class IngestionIdempotencyTests(ApiTestHost api) : IClassFixture<ApiTestHost>
{
    private const string CsvHeader = "time,service,host,region,environment,metric,value\n";

    private readonly string _service = $"svc-{Guid.NewGuid():N}";

    [SkippableFact]
    public async Task PostTelemetry_RepeatedWithSameIdempotencyKey_ReplaysTheFirstAnswer()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var key = Guid.NewGuid().ToString();
        var csv = CsvHeader + $"2026-03-01T00:00:00Z,{_service},h,eu,prod,up,1\n";

        using var first = await SendAsync(client, key, csv);
        using var repeat = await SendAsync(client, key, csv);

        Assert.Equal((1, 1, 0, 0), Tuple(await ReadCountsAsync(first)));
        Assert.Equal((1, 1, 0, 0), Tuple(await ReadCountsAsync(repeat)));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = @service", _service));
    }

    [SkippableFact]
    public async Task PostTelemetry_SameIdempotencyKeyDifferentBody_Answers422AndStoresNothingOfIt()
    {
        using var client = api.CreateClient(ApiRole.Oncall);
        var key = Guid.NewGuid().ToString();

        using var first = await SendAsync(client, key, CsvHeader + $"2026-03-01T00:00:00Z,{_service},h,eu,prod,up,1\n");
        using var other = await SendAsync(client, key, CsvHeader + $"2026-03-01T00:01:00Z,{_service},h,eu,prod,up,2\n");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await api.CountAsync("SELECT count(*) FROM telemetry_samples WHERE service = @service", _service));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key, string csv)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/telemetry", UriKind.Relative))
        {
            Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }
}
