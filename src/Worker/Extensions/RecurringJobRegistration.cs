using Hangfire;
using Microsoft.Extensions.Options;
using MLOps.Activities.Jobs;
using MLOps.Ingestion.Prometheus;

namespace MLOps.Worker.Extensions;

/// <summary>Creates or updates the recurring jobs at start-up, so the schedule always matches the configuration.</summary>
internal sealed class RecurringJobRegistration(IRecurringJobManager jobs, IOptions<PrometheusPullOptions> prometheusPull) : IHostedService
{
    public const string PrometheusPullJobId = "prometheus-pull";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (prometheusPull.Value.Queries.Count == 0)
        {
            jobs.RemoveIfExists(PrometheusPullJobId);
        }
        else
        {
            jobs.AddOrUpdate<PrometheusPullJob>(PrometheusPullJobId, job => job.RunAsync(CancellationToken.None), prometheusPull.Value.Schedule);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
