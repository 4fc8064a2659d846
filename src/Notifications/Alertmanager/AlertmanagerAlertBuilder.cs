using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Lifecycle;

namespace MLOps.Notifications.Alertmanager;

/// <summary>
/// Alertmanager API v2 bodies (an array of alerts). Labels identify the episode and are the same on
/// every send, so a refresh and the final <c>endsAt</c> land on the same alert; what changes between
/// sends goes in annotations.
/// </summary>
public sealed class AlertmanagerAlertBuilder(AlertLinks links, IOptions<NotificationOptions> options)
{
    private readonly string _alertName = options.Value.Alertmanager.AlertName;

    public JsonArray Firing(NewAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Build(alert.ToOpenAlert(), alert.Alert, alert.Annotations);
    }

    /// <summary>Alertmanager forgets an alert that is not re-sent within its resolve timeout, so an ongoing episode is re-posted.</summary>
    public JsonArray Refresh(DeduplicatedAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return Build(alert.Episode, alert.Alert, []);
    }

    public JsonArray Resolved(ResolvedAlert resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        var episode = resolved.Episode;
        var alert = new JsonObject
        {
            ["labels"] = Labels(episode),
            ["annotations"] = new JsonObject
            {
                ["summary"] = $"Resolved on {episode.Service}: {ResolveReasonText.For(resolved.Reason)}",
            },
            ["startsAt"] = JsonTimestamp.Rfc3339(episode.IncidentStart),
            ["endsAt"] = JsonTimestamp.Rfc3339(resolved.ResolvedAt),
        };
        AddGeneratorUrl(alert, episode);
        return [alert];
    }

    /// <summary>A lifecycle notice that needs a human now, as an alert of the model rather than of a service.</summary>
    public JsonArray LifecycleNotice(LifecycleNotification notification, string dedupKey)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return
        [
            new JsonObject
            {
                ["labels"] = new JsonObject
                {
                    ["alertname"] = _alertName,
                    ["model"] = notification.ModelName,
                    ["kind"] = "lifecycle",
                    ["severity"] = "critical",
                    ["dedup_key"] = dedupKey,
                },
                ["annotations"] = new JsonObject { ["summary"] = $"{notification.ModelName}: {notification.Message}" },
                ["startsAt"] = JsonTimestamp.Rfc3339(notification.At),
            },
        ];
    }

    private JsonArray Build(OpenAlert episode, CandidateAlert candidate, IReadOnlyList<string> context)
    {
        var annotations = new JsonObject
        {
            ["summary"] = AlertText.Summary(candidate),
            ["score"] = candidate.Score.ToString("0.000", CultureInfo.InvariantCulture),
            ["threshold"] = candidate.Threshold.ToString("0.000", CultureInfo.InvariantCulture),
            ["top_features"] = string.Join(", ", candidate.TopFeatures.Select(feature => string.Create(
                CultureInfo.InvariantCulture,
                $"{feature.Name}={feature.Value:0.###} ({feature.Contribution:0.###})"))),
        };
        if (context.Count > 0)
        {
            annotations["deploys"] = string.Join("; ", context);
        }

        var alert = new JsonObject
        {
            ["labels"] = Labels(episode),
            ["annotations"] = annotations,
            ["startsAt"] = JsonTimestamp.Rfc3339(episode.IncidentStart),
        };
        AddGeneratorUrl(alert, episode);
        return [alert];
    }

    private JsonObject Labels(OpenAlert episode) => new()
    {
        ["alertname"] = _alertName,
        ["service"] = episode.Service,
        ["model"] = episode.Model,
        ["model_version"] = episode.Version,
        ["stage"] = WireName.Of(episode.Stage),
        ["severity"] = WireName.Of(episode.Severity),
        ["dedup_key"] = episode.DedupKey,
    };

    private void AddGeneratorUrl(JsonObject alert, OpenAlert episode)
    {
        if ((links.Dashboard(episode.Service, episode.IncidentStart) ?? links.ModelVersion(episode.Model, episode.Version)) is { } url)
        {
            alert["generatorURL"] = url.AbsoluteUri;
        }
    }
}
