using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MLOps.Hosting.Health;

/// <summary>
/// The readiness checks' last report, reused for <see cref="MaxAge"/>: a probe every second (or a client hammering
/// <c>/readyz</c>) runs each dependency check at most once per interval, and concurrent callers share one run.
/// </summary>
public sealed class CachedReadiness(HealthCheckService checks, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _running = new(1, 1);
    private (HealthReport Report, DateTimeOffset At)? _last;

    public async Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } report)
        {
            return report;
        }

        await _running.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } ranMeanwhile)
            {
                return ranMeanwhile;
            }

            // Not the caller's token: a client that gives up must not cancel the run other callers wait for;
            // every check has its own timeout.
            var fresh = await checks.CheckHealthAsync(registration => registration.Tags.Contains(HealthEndpoints.ReadinessTag), CancellationToken.None);
            _last = (fresh, time.GetUtcNow());
            return fresh;
        }
        finally
        {
            _running.Release();
        }
    }

    private HealthReport? Fresh() => _last is { } last && time.GetUtcNow() - last.At < MaxAge ? last.Report : null;
}
