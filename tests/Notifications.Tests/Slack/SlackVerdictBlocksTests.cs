using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Feedback;
using MLOps.Notifications.Slack;
using MLOps.Testing.Platform;

namespace MLOps.Notifications.Tests.Slack;

public sealed class SlackVerdictBlocksTests
{
    private static readonly SlackMessageBuilder Builder = new(new AlertLinks(Options.Create(new NotificationOptions())));

    [Fact]
    public void Trigger_SecondaryAlert_CarriesTheThreeVerdictButtonsForItsEpisode()
    {
        var message = Builder.Trigger(AlertScenarios.Fired(ModelStage.Secondary));

        var buttons = message["blocks"]!.AsArray().Single(block => (string?)block!["block_id"] == SlackVerdictBlocks.ButtonsBlockId)!["elements"]!.AsArray();
        Assert.Equal(["verdict:actionable", "verdict:false-alarm", "verdict:expected"], buttons.Select(button => (string?)button!["action_id"]));
        Assert.All(buttons, button => Assert.Equal(AlertScenarios.DedupKey, (string?)button!["value"]));
        // What the endpoint reads back must be what the message carries.
        Assert.All(buttons, button => Assert.True(SlackVerdictButtons.TryParseActionId((string?)button!["action_id"], out _)));
    }

    [Fact]
    public void Trigger_ChampionAlert_HasNoVerdictButtons()
    {
        var message = Builder.Trigger(AlertScenarios.Fired(ModelStage.Champion));

        Assert.DoesNotContain(message["blocks"]!.AsArray(), block => (string?)block!["block_id"] == SlackVerdictBlocks.ButtonsBlockId);
    }

    [Fact]
    public void Decided_ClickedTwice_ShowsOneDecisionLineAboveTheButtonsAndKeepsTheOriginalBlocks()
    {
        var original = Builder.Trigger(AlertScenarios.Fired(ModelStage.Secondary));
        var first = new AlertVerdict(AlertScenarios.DedupKey, VerdictKind.Actionable, "slack:ana (U1)", "set with the Slack alert button", AlertScenarios.T0, VerdictSource.Slack, 1);
        var second = first with { Verdict = VerdictKind.FalseAlarm, Actor = "slack:ben (U2)", DecidedAt = AlertScenarios.T0.AddMinutes(5), Sequence = 2 };

        var once = SlackVerdictBlocks.Decided(original["blocks"]!.AsArray(), "alert", [first]);
        var twice = SlackVerdictBlocks.Decided(once["blocks"]!.AsArray(), "alert", [first, second]);

        var blocks = twice["blocks"]!.AsArray();
        var decisions = blocks.Where(block => (string?)block!["block_id"] == SlackVerdictBlocks.DecisionBlockId).ToArray();
        var text = (string)Assert.Single(decisions)!["elements"]![0]!["text"]!;
        Assert.Contains("*false-alarm* by slack:ben (U2)", text, StringComparison.Ordinal);
        Assert.Contains("changed 1 time", text, StringComparison.Ordinal);
        Assert.Equal(original["blocks"]!.AsArray().Count + 1, blocks.Count);
        Assert.Equal(SlackVerdictBlocks.ButtonsBlockId, (string?)blocks[^1]!["block_id"]);
        Assert.True((bool)twice["replace_original"]!);
    }

    [Fact]
    public void Decided_WithoutTheOriginalBlocks_StillShowsTheDecisionAndTheButtons()
    {
        var verdict = new AlertVerdict("k", VerdictKind.Expected, "slack:ana (U1)", "r", AlertScenarios.T0, VerdictSource.Slack, 1);

        var blocks = SlackVerdictBlocks.Decided(originalBlocks: null, "alert", [verdict])["blocks"]!.AsArray();

        Assert.Equal([SlackVerdictBlocks.DecisionBlockId, SlackVerdictBlocks.ButtonsBlockId], blocks.Select(block => (string?)block!["block_id"]));
        Assert.IsType<JsonObject>(blocks[1]);
    }
}
