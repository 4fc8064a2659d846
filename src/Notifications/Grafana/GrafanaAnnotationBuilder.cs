using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MLOps.Core;
using MLOps.Core.Artifacts;
using MLOps.Core.Lifecycle;
using MLOps.Core.Telemetry;
using MLOps.Notifications.Outbox;

namespace MLOps.Notifications.Grafana;

/// <summary>
/// Grafana annotation bodies (<c>POST /api/annotations</c>) for the events that explain a change in
/// the graphs: promotions, rollbacks, deploys and maintenance. Tags make them filterable per model
/// and service.
/// </summary>
public sealed class GrafanaAnnotationBuilder(IOptions<NotificationOptions> options)
{
    private readonly string? _dashboardUid = options.Value.Grafana.DashboardUid;

    public OutboxMessage Promotion(string model, string version, ModelStage stage, string reason, DateTimeOffset at)
    {
        var stageName = WireName.Of(stage);
        return Message(
            $"grafana/promotion/{model}/v{version}/{stageName}/{Stamp(at)}",
            $"{model} v{version} promoted to {stageName}: {reason}",
            ["mlops", "promotion", $"model:{model}", $"version:{version}", $"stage:{stageName}"],
            at,
            end: null);
    }

    public OutboxMessage Rollback(string model, string fromVersion, string toVersion, string reason, DateTimeOffset at) =>
        Message(
            $"grafana/rollback/{model}/v{fromVersion}/v{toVersion}/{Stamp(at)}",
            $"{model} rolled back from v{fromVersion} to v{toVersion}: {reason}",
            ["mlops", "rollback", $"model:{model}", $"version:{toVersion}"],
            at,
            end: null);

    /// <summary>Any other lifecycle event (gates failed, candidate rejected, probation passed).</summary>
    public OutboxMessage Lifecycle(LifecycleNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return Message(
            $"grafana/lifecycle/{notification.ModelName}/{Stamp(notification.At)}/{ContentKey(notification.Message)}",
            $"{notification.ModelName}: {notification.Message}",
            ["mlops", "lifecycle", $"model:{notification.ModelName}", $"severity:{notification.Severity.ToString().ToLowerInvariant()}"],
            notification.At,
            end: null);
    }

    public OutboxMessage Deploy(DeployEvent deploy)
    {
        ArgumentNullException.ThrowIfNull(deploy);
        var commit = deploy.Commit is { Length: > 0 } sha ? $" ({sha})" : string.Empty;
        return Message(
            $"grafana/deploy/{deploy.Service}/{deploy.Version}/{Stamp(deploy.Time)}",
            $"Deploy {deploy.Version}{commit} of {deploy.Service}",
            ["mlops", "deploy", $"service:{deploy.Service}"],
            deploy.Time,
            end: null);
    }

    /// <summary>A region annotation covering the window, so suppressed alerts have a visible reason.</summary>
    public OutboxMessage Maintenance(MaintenanceWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var reason = string.IsNullOrWhiteSpace(window.Reason) ? string.Empty : $": {window.Reason}";
        return Message(
            $"grafana/maintenance/{window.Service}/{Stamp(window.Start)}",
            $"Maintenance of {window.Service}{reason}",
            ["mlops", "maintenance", $"service:{window.Service}"],
            window.Start,
            window.End);
    }

    /// <summary>Short content hash: two different events in the same millisecond stay two annotations.</summary>
    internal static string ContentKey(string text) =>
        ContentHash.Sha256(System.Text.Encoding.UTF8.GetBytes(text))[..12];

    // The event time is part of each key: promoting the same version again later is a new annotation.
    private static string Stamp(DateTimeOffset at) => JsonTimestamp.UnixMilliseconds(at).ToString(CultureInfo.InvariantCulture);

    private OutboxMessage Message(string key, string text, string[] tags, DateTimeOffset at, DateTimeOffset? end)
    {
        var body = new JsonObject
        {
            ["text"] = text,
            ["tags"] = new JsonArray(tags.Select(tag => (JsonNode)JsonValue.Create(tag)).ToArray()),
            ["time"] = JsonTimestamp.UnixMilliseconds(at),
        };
        if (end is { } timeEnd)
        {
            body["timeEnd"] = JsonTimestamp.UnixMilliseconds(timeEnd);
        }

        if (!string.IsNullOrWhiteSpace(_dashboardUid))
        {
            body["dashboardUID"] = _dashboardUid;
        }

        var dedupKey = OutboxMessage.FitKey(key);
        return new OutboxMessage(NotificationChannel.Grafana, dedupKey, $"{NotificationChannel.Grafana}:{dedupKey}", body);
    }
}
