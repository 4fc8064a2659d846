using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MLOps.Api.Apis;
using MLOps.Core.Feedback;

namespace MLOps.Api.Tests.Feedback;

/// <summary>The documented block_actions payload, form-encoded and signed as Slack does it.</summary>
[Collection(FeedbackApiCollection.Name)]
public sealed class SlackInteractivityTests(FeedbackApiHost host) : IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task FalseAlarmClick_SignedWithTheSigningSecret_IsRecordedAndTheMessageShowsWhoDecided()
    {
        using var response = await PostAsync(Form(FeedbackApiHost.Payload("slack-block-actions-false-alarm.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1L, await host.CountAsync("SELECT count(*) FROM alert_verdicts WHERE verdict = 'false-alarm' AND source = 'slack' AND actor LIKE 'slack:priya.nair (%'"));
        var (url, body) = Assert.Single(host.SlackResponses.Requests);
        Assert.Equal("hooks.slack.com", url.Host);
        var message = JsonNode.Parse(body)!;
        Assert.True((bool)message["replace_original"]!);
        var blocks = message["blocks"]!.AsArray();
        var decision = blocks.Single(block => (string?)block!["block_id"] == "verdict-decision")!;
        Assert.Contains("*false-alarm* by slack:priya.nair", (string)decision["elements"]![0]!["text"]!, StringComparison.Ordinal);
        Assert.Contains(blocks, block => (string?)block!["block_id"] == "verdict-buttons");
    }

    [SkippableFact]
    public async Task Click_SignedWithAnotherSecret_Is401AndWritesNothing()
    {
        using var response = await PostAsync(Form(FeedbackApiHost.Payload("slack-block-actions-false-alarm.json")), secret: "not-the-signing-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
        Assert.Empty(host.SlackResponses.Requests);
    }

    [SkippableFact]
    public async Task Click_WithATimestampSixMinutesOld_Is401AndWritesNothing()
    {
        using var response = await PostAsync(Form(FeedbackApiHost.Payload("slack-block-actions-false-alarm.json")), sentAt: host.Clock.GetUtcNow().AddMinutes(-6));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("stale", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task Click_OnALinkButton_Is200AndWritesNothing()
    {
        using var response = await PostAsync(Form(FeedbackApiHost.Payload("slack-block-actions-open-dashboard.json")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task Click_ForAnUnknownEpisode_Is404AndWritesNothing()
    {
        var payload = JsonNode.Parse(FeedbackApiHost.Payload("slack-block-actions-false-alarm.json"))!;
        payload["actions"]![0]!["value"] = "mlops/no-such-episode";

        using var response = await PostAsync(Form(payload.ToJsonString()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0L, await host.CountAsync("SELECT count(*) FROM alert_verdicts"));
    }

    [SkippableFact]
    public async Task Body_WithoutThePayloadField_Is400()
    {
        using var response = await PostAsync("text=hello");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Form(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);

    private async Task<HttpResponseMessage> PostAsync(string form, string secret = FeedbackApiHost.SlackSecret, DateTimeOffset? sentAt = null)
    {
        var timestamp = (sentAt ?? host.Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(WebhooksApi.SlackPath, UriKind.Relative))
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(SlackRequestSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackRequestSignature.SignatureHeader, SlackRequestSignature.Sign(secret, timestamp, Encoding.UTF8.GetBytes(form)));
        return await client.SendAsync(request);
    }
}
