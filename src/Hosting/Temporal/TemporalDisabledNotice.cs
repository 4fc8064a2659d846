using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;

namespace MLOps.Hosting.Temporal;

/// <summary>Says once, at start, that this host runs without Temporal and how to turn it on.</summary>
public sealed partial class TemporalDisabledNotice(ILogger<TemporalDisabledNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogDisabled();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEvents.TemporalDisabled, Level = LogLevel.Warning, Message = "Temporal is disabled: Temporal:Address is not set. Workflows, schedules and lifecycle commands are unavailable; set Temporal__Address (e.g. localhost:7233) to enable them")]
    private partial void LogDisabled();
}
