using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MLOps.Api.Apis;
using MLOps.Core.Feedback;

namespace MLOps.Api.Tests.Feedback;

/// <summary>The documented v3 webhook envelopes, signed as PagerDuty does it.</summary>
[Collection(FeedbackApiCollection.Name)]
public sealed class PagerDutyWebhookTests(FeedbackApiHost host) : IAsyncLifetime
{
    private const string Acknowledged = "pagerduty-incident-acknowledged.json";
    private const string Resolved = "pagerduty-incident-resolved.json";

    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Acknowledged_SignedWithTheNewSecretDuringARotation_RecordsTheAcknowledgement()
    {
        var body = FeedbackApiHost.Payload(Acknowledged);
        // During a rotation PagerDuty signs with every secret of the subscription; here one it no longer has and the new one.
        var header = $"{FeedbackApiHost.PagerDutySignature("retired-secret", body)},{FeedbackApiHost.PagerDutySignature(FeedbackApiHost.NewPagerDutySecret, body)}";

        using var response = await PostAsync(body, header);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recorded", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(1L, await host.CountAsync("SELECT count(*) FROM alert_episode_responses WHERE acknowledged_at = '2026-11-01T12:04:30.250Z' AND resolved_at IS NULL"));
    }

    [SkippableFact]
    public async Task Acknowledged_SignedWithTheOldSecretOnly_IsStillAccepted()
    {
        var body = FeedbackApiHost.Payload(Acknowledged);

        using var response = await PostAsync(body, FeedbackApiHost.PagerDutySignature(FeedbackApiHost.OldPagerDutySecret, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task SameEventIdAgain_IsRecordedOnce()
    {
        var body = FeedbackApiHost.Payload(Resolved);
        var signature = FeedbackApiHost.PagerDutySignature(FeedbackApiHost.NewPagerDutySecret, body);
        (await PostAsync(body, signature)).Dispose();

        using var replay = await PostAsync(body, signature);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("duplicate", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        Assert.Equal(1L, await host.CountAsync("SELECT count(*) FROM pagerduty_events"));
        Assert.Equal(1L, await host.CountAsync("SELECT count(*) FROM alert_episode_responses WHERE resolved_at = '2026-11-01T12:41:05.900Z'"));
    }

    [SkippableFact]
    public async Task Event_SignedWithAWrongSecret_Is401AndWritesNothing()
    {
        var body = FeedbackApiHost.Payload(Acknowledged);

        using var response = await PostAsync(body, FeedbackApiHost.PagerDutySignature("wrong-secret", body));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM pagerduty_events"));
    }

    [SkippableFact]
    public async Task Event_WithoutASignature_Is401()
    {
        using var response = await PostAsync(FeedbackApiHost.Payload(Acknowledged), signature: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [SkippableFact]
    public async Task EventTypeThePlatformDoesNotRecord_Is200AndWritesNothing()
    {
        var body = FeedbackApiHost.Payload("pagerduty-incident-priority-updated.json");

        using var response = await PostAsync(body, FeedbackApiHost.PagerDutySignature(FeedbackApiHost.NewPagerDutySecret, body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM pagerduty_events"));
    }

    [SkippableFact]
    public async Task SignedBodyThatIsNotAnEvent_Is400()
    {
        const string body = """{"messages":[]}""";

        using var response = await PostAsync(body, FeedbackApiHost.PagerDutySignature(FeedbackApiHost.NewPagerDutySecret, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task FirstAcknowledgement_IsObservedInTheAcknowledgeHistogram()
    {
        var body = FeedbackApiHost.Payload(Acknowledged);
        (await PostAsync(body, FeedbackApiHost.PagerDutySignature(FeedbackApiHost.NewPagerDutySecret, body))).Dispose();

        using var client = host.CreateClient();
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains($"mlops_alert_acknowledge_seconds_count{{stage=\"secondary\",model=\"{FeedbackApiHost.Model}\"}}", metrics, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? signature)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WebhooksApi.PagerDutyPath, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add(PagerDutyWebhookSignature.SignatureHeader, signature);
        }

        return await client.SendAsync(request);
    }
}
