using System.Globalization;
using System.Text.Json.Nodes;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Lifecycle;

namespace MLOps.Notifications.Slack;

/// <summary>
/// Slack incoming-webhook bodies: <c>text</c> is the notification and screen-reader fallback,
/// <c>blocks</c> the message people read.
/// </summary>
public sealed class SlackMessageBuilder(AlertLinks links)
{
    // Slack rejects a section text longer than 3000 characters and a header longer than 150.
    private const int MaxSectionText = 3000;
    private const int MaxHeaderText = 150;

    public JsonObject Trigger(NewAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var candidate = alert.Alert;
        var stage = StageName(alert);
        var blocks = new JsonArray
        {
            Header($"Anomaly on {candidate.Service}"),
            new JsonObject
            {
                ["type"] = "section",
                ["fields"] = new JsonArray
                {
                    Markdown($"*Service*\n{Escape(candidate.Service)} (tier {alert.Tier})"),
                    Markdown(string.Create(CultureInfo.InvariantCulture, $"*Score*\n{candidate.Score:0.000} (threshold {candidate.Threshold:0.000})")),
                    Markdown($"*Model*\n{Escape(candidate.Model)} v{Escape(candidate.Version)} ({stage})"),
                    Markdown($"*Started*\n{JsonTimestamp.Rfc3339(alert.IncidentStart)}"),
                },
            },
        };
        if (candidate.TopFeatures.Count > 0)
        {
            var features = string.Join('\n', candidate.TopFeatures.Select(feature => string.Create(
                CultureInfo.InvariantCulture,
                $"• `{Escape(feature.Name)}` = {feature.Value:0.###} (contribution {feature.Contribution:0.###})")));
            blocks.Add(Section(Truncate($"*Top features*\n{features}", MaxSectionText)));
        }

        if (alert.Annotations.Count > 0)
        {
            blocks.Add(Context(string.Join(" · ", alert.Annotations.Select(Escape))));
        }

        var buttons = links.For(candidate.Service, candidate.Model, candidate.Version, alert.IncidentStart);
        if (buttons.Count > 0)
        {
            blocks.Add(new JsonObject
            {
                ["type"] = "actions",
                ["elements"] = new JsonArray(buttons.Select(link => (JsonNode)new JsonObject
                {
                    ["type"] = "button",
                    ["text"] = PlainText(link.Text),
                    ["url"] = link.Href.AbsoluteUri,
                }).ToArray()),
            });
        }

        // Secondary alerts are the ones on-call judges in chat (champion pages are judged in PagerDuty or via the API).
        if (alert.Stage == ModelStage.Secondary)
        {
            blocks.Add(SlackVerdictBlocks.Buttons(alert.DedupKey));
        }

        return new JsonObject
        {
            ["text"] = $"[{stage}] {AlertText.Summary(candidate)}",
            ["blocks"] = blocks,
        };
    }

    public JsonObject Resolve(ResolvedAlert resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var episode = resolved.Episode;
        var why = ResolveReasonText.For(resolved.Reason);
        return new JsonObject
        {
            ["text"] = $"[{StageName(resolved)}] Resolved on {episode.Service}: {why} ({episode.Model} v{episode.Version})",
            ["blocks"] = new JsonArray
            {
                Header($"Resolved on {episode.Service}"),
                Section($"*{Escape(episode.Model)} v{Escape(episode.Version)}*: {why}. Started {JsonTimestamp.Rfc3339(episode.IncidentStart)}, resolved {JsonTimestamp.Rfc3339(resolved.ResolvedAt)}."),
                Context($"dedup key `{Escape(episode.DedupKey)}`"),
            },
        };
    }

    /// <summary>A lifecycle event (promotion, rollback, gates) for the model's channel.</summary>
    public JsonObject Lifecycle(LifecycleNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var icon = notification.Severity switch
        {
            NotificationSeverity.Critical => ":rotating_light:",
            NotificationSeverity.Warning => ":warning:",
            _ => ":information_source:",
        };
        return new JsonObject
        {
            ["text"] = $"{notification.ModelName}: {notification.Message}",
            ["blocks"] = new JsonArray
            {
                Header($"Model {notification.ModelName}"),
                Section($"{icon} {Escape(notification.Message)}"),
                Context($"{JsonTimestamp.Rfc3339(notification.At)} · lifecycle/{Escape(notification.ModelName)}"),
            },
        };
    }

    private static string StageName(AlertDecision decision) => WireName.Of(decision.Stage);

    private static JsonObject Header(string text) => new() { ["type"] = "header", ["text"] = PlainText(Truncate(text, MaxHeaderText)) };

    private static JsonObject Section(string markdown) => new() { ["type"] = "section", ["text"] = Markdown(markdown) };

    private static JsonObject Context(string markdown) => new() { ["type"] = "context", ["elements"] = new JsonArray(Markdown(markdown)) };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Escape(string text) => SlackText.Escape(text);

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
