using System.Text.Json.Nodes;

namespace MLOps.Core.Tests.Feedback;

/// <summary>The sample bodies under Payloads/ (see the README there for the documentation each follows).</summary>
internal static class FeedbackPayloads
{
    public const string SlackFalseAlarm = "slack-block-actions-false-alarm.json";
    public const string SlackOpenDashboard = "slack-block-actions-open-dashboard.json";
    public const string PagerDutyAcknowledged = "pagerduty-incident-acknowledged.json";
    public const string PagerDutyResolved = "pagerduty-incident-resolved.json";
    public const string PagerDutyPriorityUpdated = "pagerduty-incident-priority-updated.json";

    /// <summary>The dedup key the samples' buttons and PagerDuty incident carry.</summary>
    public const string DedupKey = "mlops/latency-anomaly/v7/checkout/20261101T1200Z";

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Feedback", "Payloads");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Directory, name));

    /// <summary>A sample changed by <paramref name="edit"/>, for the cases the documentation does not show.</summary>
    public static string Edited(string name, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(Read(name))!;
        edit(node);
        return node.ToJsonString();
    }

    /// <summary>The request body Slack posts: the interaction JSON in the <c>payload</c> field of a form.</summary>
    public static string SlackForm(string payloadJson) => "payload=" + Uri.EscapeDataString(payloadJson);
}
