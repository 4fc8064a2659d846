using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using MLOps.Core.Feedback;

namespace MLOps.Core.Tests.Feedback;

public sealed class SlackInteractionParserTests
{
    private static string Edited(Action<JsonNode> edit) => FeedbackPayloads.SlackForm(FeedbackPayloads.Edited(FeedbackPayloads.SlackFalseAlarm, edit));

    [Fact]
    public void Parse_DocumentedFalseAlarmClick_ReadsWhoWhichVerdictAndWhichEpisode()
    {
        var parsed = SlackInteractionParser.Parse(FeedbackPayloads.SlackForm(FeedbackPayloads.Read(FeedbackPayloads.SlackFalseAlarm)));

        Assert.True(parsed.IsAccepted, parsed.Problem);
        Assert.Equal(
            new SlackVerdictAction(
                FeedbackPayloads.DedupKey,
                VerdictKind.FalseAlarm,
                "U07ONCALL1",
                "priya.nair",
                "T05HOSTING",
                "C06SRESHADOW",
                "1793534460.004200",
                new Uri("https://hooks.slack.com/actions/T05HOSTING/8123456789012/kQ3xW9vZr2LmN4pT7yB1cD6f"),
                "1793534712.118900"),
            parsed.Value);
    }

    [Fact]
    public void Parse_FormEncodedWithPlusForSpaces_ReadsTheSame()
    {
        var json = FeedbackPayloads.Read(FeedbackPayloads.SlackFalseAlarm);
        var plusEncoded = "payload=" + HttpUtility.UrlEncode(json, Encoding.UTF8);

        Assert.Contains('+', plusEncoded);
        Assert.Equal(SlackInteractionParser.Parse(FeedbackPayloads.SlackForm(json)), SlackInteractionParser.Parse(plusEncoded));
    }

    [Theory]
    [InlineData("verdict:actionable", VerdictKind.Actionable)]
    [InlineData("verdict:false-alarm", VerdictKind.FalseAlarm)]
    [InlineData("verdict:expected", VerdictKind.Expected)]
    public void Parse_EachVerdictButton_ReadsItsVerdict(string actionId, VerdictKind expected)
    {
        var parsed = SlackInteractionParser.Parse(Edited(payload => payload["actions"]![0]!["action_id"] = actionId));

        Assert.Equal(expected, parsed.Value?.Verdict);
    }

    [Fact]
    public void Parse_LinkButtonOfTheSameMessage_IsIgnoredNotMalformed()
    {
        var parsed = SlackInteractionParser.Parse(FeedbackPayloads.SlackForm(FeedbackPayloads.Read(FeedbackPayloads.SlackOpenDashboard)));

        Assert.Equal(PayloadOutcome.Ignored, parsed.Outcome);
    }

    [Fact]
    public void Parse_OtherInteractionType_IsIgnored()
    {
        var parsed = SlackInteractionParser.Parse(Edited(payload => payload["type"] = "view_submission"));

        Assert.Equal(PayloadOutcome.Ignored, parsed.Outcome);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "no payload field" },
        { "token=abc&team_id=T1", "no payload field" },
        { "payload=%7Bnot%20json", "not JSON" },
        { Edited(payload => payload.AsObject().Remove("type")), "no type" },
        { Edited(payload => payload["actions"] = new JsonArray()), "no actions" },
        { Edited(payload => payload["actions"]![0]!["action_id"] = "verdict:maybe"), "unknown verdict" },
        { Edited(payload => payload["actions"]![0]!["action_id"] = "verdict:False-Alarm"), "verdict in the wrong case" },
        { Edited(payload => payload["actions"]![0]!.AsObject().Remove("value")), "no episode key" },
        { Edited(payload => payload["actions"]![0]!["value"] = " "), "blank episode key" },
        { Edited(payload => payload.AsObject().Remove("user")), "no user" },
        { Edited(payload => payload["user"]!["id"] = 42), "user id not a string" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void Parse_BrokenOrIncompleteVerdictClick_IsMalformed(string body, string because)
    {
        var parsed = SlackInteractionParser.Parse(body);

        Assert.True(parsed.Outcome == PayloadOutcome.Malformed, because);
        Assert.NotNull(parsed.Problem);
    }

    [Fact]
    public void Parse_NoUsername_FallsBackToNameThenToTheId()
    {
        var withName = SlackInteractionParser.Parse(Edited(payload => payload["user"]!.AsObject().Remove("username")));
        var idOnly = SlackInteractionParser.Parse(Edited(payload =>
        {
            payload["user"]!.AsObject().Remove("username");
            payload["user"]!.AsObject().Remove("name");
        }));

        Assert.Equal("priya.nair", withName.Value?.UserName);
        Assert.Equal("U07ONCALL1", idOnly.Value?.UserName);
    }

    [Fact]
    public void Parse_ResponseUrlThatIsNotHttps_IsDroppedButTheVerdictStands()
    {
        var parsed = SlackInteractionParser.Parse(Edited(payload => payload["response_url"] = "http://hooks.slack.com/actions/x"));

        Assert.True(parsed.IsAccepted);
        Assert.Null(parsed.Value.ResponseUrl);
    }

    [Fact]
    public void ToRequest_AcceptedClick_PassesTheSameValidationAsTheApi()
    {
        var click = SlackInteractionParser.Parse(FeedbackPayloads.SlackForm(FeedbackPayloads.Read(FeedbackPayloads.SlackFalseAlarm))).Value!;
        var now = new DateTimeOffset(2026, 11, 1, 12, 5, 13, TimeSpan.Zero);

        Assert.True(VerdictValidator.TryAccept(click.DedupKey, click.ToRequest(), VerdictSource.Slack, now, VerdictLimits.Default, out var verdict, out _));

        Assert.Equal(
            new AlertVerdict(FeedbackPayloads.DedupKey, VerdictKind.FalseAlarm, "slack:priya.nair (U07ONCALL1)", SlackVerdictAction.ButtonReason, now, VerdictSource.Slack),
            verdict);
    }

    [Fact]
    public void SlackVerdictButtons_ActionIdOfEachVerdict_ParsesBackToIt()
    {
        foreach (var kind in Enum.GetValues<VerdictKind>())
        {
            Assert.True(SlackVerdictButtons.TryParseActionId(SlackVerdictButtons.ActionId(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal("verdict:false-alarm", SlackVerdictButtons.ActionId(VerdictKind.FalseAlarm));
        Assert.False(SlackVerdictButtons.IsVerdictAction("open-dashboard"));
    }
}
