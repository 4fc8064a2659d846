using Hangfire;
using Microsoft.Extensions.Options;
using MLOps.Activities.Jobs;
using MLOps.Modeling.Scoring;

namespace MLOps.Worker.Extensions;

/// <summary>Creates or updates the scoring and outbox delivery jobs at start-up, so their schedules match the configuration.</summary>
internal sealed class ScoringJobRegistration(IRecurringJobManager jobs, IOptions<ScoringOptions> options) : IHostedService
{
    public const string ScoringJobId = "online-scoring";
    public const string OutboxDispatchJobId = "outbox-dispatch";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<OnlineScoringJob>(ScoringJobId, job => job.RunAsync(CancellationToken.None), options.Value.Schedule);
        jobs.AddOrUpdate<OutboxDispatchJob>(OutboxDispatchJobId, job => job.RunAsync(CancellationToken.None), options.Value.DispatchSchedule);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
