using MLOps.Core.Diagnostics;

namespace MLOps.Api.Feedback;

/// <summary>Operational events of on-call feedback. Secrets and signatures are never arguments, only why a request was refused.</summary>
public sealed partial class FeedbackLog(ILogger<FeedbackLog> logger)
{
    [LoggerMessage(EventId = LogEvents.VerdictRecorded, Level = LogLevel.Information, Message = "Alert {DedupKey} ({Model} v{Version}, {Stage}) marked {Verdict} by {Actor} via {Source}")]
    public partial void VerdictRecorded(string dedupKey, string model, string version, string stage, string verdict, string actor, string source);

    [LoggerMessage(EventId = LogEvents.VerdictRepeated, Level = LogLevel.Debug, Message = "Alert {DedupKey}: {Verdict} by {Actor} is already in force; nothing written")]
    public partial void VerdictRepeated(string dedupKey, string verdict, string actor);

    [LoggerMessage(EventId = LogEvents.WebhookRefused, Level = LogLevel.Warning, Message = "{Channel} webhook refused: {Status}")]
    public partial void WebhookRefused(string channel, string status);

    [LoggerMessage(EventId = LogEvents.WebhookNotConfigured, Level = LogLevel.Warning, Message = "{Channel} webhook called but {SettingKey} is not configured; nothing can be verified")]
    public partial void WebhookNotConfigured(string channel, string settingKey);

    [LoggerMessage(EventId = LogEvents.WebhookIgnored, Level = LogLevel.Debug, Message = "{Channel} webhook ignored: {Why}")]
    public partial void WebhookIgnored(string channel, string why);

    [LoggerMessage(EventId = LogEvents.SlackMessageNotUpdated, Level = LogLevel.Warning, Message = "Verdict on {DedupKey} recorded, but the Slack message could not be updated: {Problem}")]
    public partial void SlackMessageNotUpdated(string dedupKey, string problem);

    [LoggerMessage(EventId = LogEvents.PagerDutyEventRecorded, Level = LogLevel.Information, Message = "PagerDuty {EventType} {EventId} recorded for episode {DedupKey}")]
    public partial void PagerDutyEventRecorded(string eventType, string eventId, string? dedupKey);

    [LoggerMessage(EventId = LogEvents.PagerDutyEventDuplicate, Level = LogLevel.Information, Message = "PagerDuty event {EventId} was recorded before; nothing written")]
    public partial void PagerDutyEventDuplicate(string eventId);
}
