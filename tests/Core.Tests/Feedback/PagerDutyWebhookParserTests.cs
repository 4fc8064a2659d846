using System.Text;
using System.Text.Json.Nodes;
using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class PagerDutyWebhookParserTests
{
    private static string Edited(Action<JsonNode> edit) => FeedbackPayloads.Edited(FeedbackPayloads.PagerDutyAcknowledged, edit);

    [Fact]
    public void Parse_DocumentedAcknowledgement_ReadsEventIdTimeAgentAndTheEpisodeKey()
    {
        var parsed = PagerDutyWebhookParser.Parse(FeedbackPayloads.Read(FeedbackPayloads.PagerDutyAcknowledged));

        Assert.True(parsed.IsAccepted, parsed.Problem);
        Assert.Equal(
            new PagerDutyIncidentEvent(
                "01F2QGHSKD6Y3VD1XW8E5N4R7T",
                "incident.acknowledged",
                PagerDutyIncidentChange.Acknowledged,
                new DateTimeOffset(2026, 11, 1, 12, 4, 30, 250, TimeSpan.Zero),
                "Q1CHECKOUT7",
                FeedbackPayloads.DedupKey,
                "acknowledged",
                "PONCAL1",
                "Priya Nair",
                new Uri("https://hosting-sre.pagerduty.com/incidents/Q1CHECKOUT7")),
            parsed.Value);
    }

    [Fact]
    public void Parse_DocumentedResolve_IsAResolvedChange()
    {
        var parsed = PagerDutyWebhookParser.Parse(FeedbackPayloads.Read(FeedbackPayloads.PagerDutyResolved));

        Assert.Equal(
            (PagerDutyIncidentChange.Resolved, "01F2QHB7XM0C2ZK9P4S6W8N1VA", new DateTimeOffset(2026, 11, 1, 12, 41, 5, 900, TimeSpan.Zero)),
            (parsed.Value!.Change, parsed.Value.EventId, parsed.Value.OccurredAt));
    }

    [Fact]
    public void Parse_EventTypeNotRecorded_IsIgnored()
    {
        var parsed = PagerDutyWebhookParser.Parse(FeedbackPayloads.Read(FeedbackPayloads.PagerDutyPriorityUpdated));

        Assert.Equal(PayloadOutcome.Ignored, parsed.Outcome);
    }

    [Fact]
    public void Parse_IncidentNotOpenedThroughTheEventsApi_IsAcceptedWithoutAKey()
    {
        var parsed = PagerDutyWebhookParser.Parse(Edited(body => body["event"]!["data"]!["incident_key"] = null));

        Assert.True(parsed.IsAccepted);
        Assert.Null(parsed.Value.IncidentKey);
    }

    [Fact]
    public void Parse_AutomaticResolveWithoutAgent_IsAcceptedWithoutAgent()
    {
        var parsed = PagerDutyWebhookParser.Parse(FeedbackPayloads.Edited(FeedbackPayloads.PagerDutyResolved, body => body["event"]!["agent"] = null));

        Assert.Equal((null, null), (parsed.Value?.AgentId, parsed.Value?.AgentSummary));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "empty" },
        { "{\"event\":", "truncated" },
        { "[]", "not an object" },
        { "{\"events\":[]}", "no event" },
        { Edited(body => body["event"]!.AsObject().Remove("id")), "no event id" },
        { Edited(body => body["event"]!["event_type"] = null), "no event type" },
        { Edited(body => body["event"]!["occurred_at"] = "yesterday"), "time not ISO 8601" },
        { Edited(body => body["event"]!.AsObject().Remove("occurred_at")), "no time" },
        { Edited(body => body["event"]!["data"]!["type"] = "incident_note"), "data not an incident" },
        { Edited(body => body["event"]!["data"]!.AsObject().Remove("id")), "incident without id" },
        { Edited(body => body["event"]!.AsObject().Remove("data")), "no data" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void Parse_BrokenOrIncompleteIncidentEvent_IsMalformed(string body, string because)
    {
        var parsed = PagerDutyWebhookParser.Parse(body);

        Assert.True(parsed.Outcome == PayloadOutcome.Malformed, because);
        Assert.NotNull(parsed.Problem);
    }

    [Fact]
    public void VerifyThenParse_SampleSignedDuringRotation_IsAuthenticAndReadable()
    {
        var body = Encoding.UTF8.GetBytes(FeedbackPayloads.Read(FeedbackPayloads.PagerDutyAcknowledged));
        var header = $"{PagerDutyWebhookSignature.Sign("retiring-secret", body)},{PagerDutyWebhookSignature.Sign("current-secret", body)}";

        Assert.Equal(SignatureStatus.Valid, PagerDutyWebhookSignature.Verify(["current-secret"], header, body));
        Assert.True(PagerDutyWebhookParser.Parse(Encoding.UTF8.GetString(body)).IsAccepted);
    }
}
