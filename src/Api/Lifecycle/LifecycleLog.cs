using MLOps.Core.Diagnostics;

namespace MLOps.Api.Lifecycle;

/// <summary>The operational events of on-call commands, with fixed event ids for log searches.</summary>
public sealed partial class LifecycleLog(ILogger<LifecycleLog> logger)
{
    [LoggerMessage(EventId = LogEvents.CommandAccepted, Level = LogLevel.Information, Message = "{Model}: {Action} by {Actor} accepted: {Outcome}")]
    public partial void CommandAccepted(string model, string action, string actor, string outcome);

    [LoggerMessage(EventId = LogEvents.CommandNotCarriedOut, Level = LogLevel.Warning, Message = "{Model}: {Action} by {Actor} not carried out (HTTP {StatusCode}): {Reason}")]
    public partial void CommandNotCarriedOut(string model, string action, string actor, int statusCode, string? reason);
}
