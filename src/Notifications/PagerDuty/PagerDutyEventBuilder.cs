using System.Text.Json.Nodes;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Lifecycle;

namespace MLOps.Notifications.PagerDuty;

/// <summary>
/// PagerDuty Events API v2 bodies without the routing key, which <see cref="PagerDutySender"/> adds on
/// send so the secret never lands in the outbox.
/// </summary>
public sealed class PagerDutyEventBuilder(AlertLinks links)
{
    private const int MaxSummary = 1024;

    public JsonObject Trigger(NewAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var candidate = alert.Alert;
        var summary = AlertText.Summary(candidate);
        return new JsonObject
        {
            ["event_action"] = "trigger",
            ["dedup_key"] = alert.DedupKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = summary.Length <= MaxSummary ? summary : summary[..MaxSummary],
                ["source"] = candidate.Service,
                ["severity"] = WireName.Of(alert.Severity),
                ["timestamp"] = JsonTimestamp.Rfc3339(alert.IncidentStart),
                ["component"] = candidate.Service,
                ["group"] = $"tier-{alert.Tier}",
                ["class"] = candidate.Model,
                ["custom_details"] = new JsonObject
                {
                    ["model"] = candidate.Model,
                    ["version"] = candidate.Version,
                    ["stage"] = WireName.Of(candidate.Stage),
                    ["score"] = candidate.Score,
                    ["threshold"] = candidate.Threshold,
                    ["rank"] = alert.Rank,
                    ["window_end"] = JsonTimestamp.Rfc3339(candidate.WindowEnd),
                    ["grouped_windows"] = alert.GroupedWindows,
                    ["top_features"] = AlertText.TopFeatures(candidate),
                    ["annotations"] = new JsonArray(alert.Annotations.Select(text => (JsonNode)JsonValue.Create(text)).ToArray()),
                },
            },
            ["links"] = new JsonArray(links.For(candidate.Service, candidate.Model, candidate.Version, alert.IncidentStart)
                .Select(link => (JsonNode)new JsonObject { ["href"] = link.Href.AbsoluteUri, ["text"] = link.Text })
                .ToArray()),
        };
    }

    /// <summary>
    /// A lifecycle notice that needs a human now (the registry did not take a stage the lifecycle moved): a page of
    /// its own, not tied to a service, deduplicated by the notice's key so a retried activity pages once.
    /// </summary>
    public static JsonObject LifecycleNotice(LifecycleNotification notification, string dedupKey)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var summary = $"{notification.ModelName}: {notification.Message}";
        return new JsonObject
        {
            ["event_action"] = "trigger",
            ["dedup_key"] = dedupKey,
            ["payload"] = new JsonObject
            {
                ["summary"] = summary.Length <= MaxSummary ? summary : summary[..MaxSummary],
                ["source"] = "mlops-lifecycle",
                ["severity"] = "critical",
                ["timestamp"] = JsonTimestamp.Rfc3339(notification.At),
                ["class"] = notification.ModelName,
                ["custom_details"] = new JsonObject { ["model"] = notification.ModelName, ["kind"] = "lifecycle" },
            },
        };
    }

    /// <summary>A resolve needs only the key of the incident it closes.</summary>
    public static JsonObject Resolve(ResolvedAlert resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return new JsonObject { ["event_action"] = "resolve", ["dedup_key"] = resolved.Episode.DedupKey };
    }
}
