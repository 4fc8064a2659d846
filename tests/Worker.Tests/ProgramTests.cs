using System.Net;
using System.Text.Json;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Core.Diagnostics;
using MLOps.Testing;
using MLOps.Worker.Tests.Temporal;

namespace MLOps.Worker.Tests;

/// <summary>The whole worker process, over a throwaway PostgreSQL database, with Temporal configured but down.</summary>
public sealed class ProgramTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Run_TemporalUnreachable_KeepsRunningHangfireAndReportsTemporalNotReady()
    {
        var connectionString = database.Require();
        var address = UnreachableTemporal.FreeAddress();
        var logs = new RecordedLogs();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:Postgres", connectionString);
            builder.UseSetting("Temporal:Address", address);
            // Not under test, and not the machine environment's to decide.
            builder.UseSetting("Mlflow:TrackingUri", string.Empty);
            builder.UseSetting("Temporal:RetryDelay", "00:00:00.020");
            builder.UseSetting("Temporal:MaximumRetryDelay", "00:00:00.080");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });
        using var client = factory.CreateClient();
        await logs.WaitForAsync(LogEvents.TemporalConnectFailed, 3, "three failed Temporal connects");

        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        using var readiness = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var jobId = factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => HangfireProbe.Run());
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var jobState = await Eventually.WaitForAsync(
            () => Task.FromResult(string.Equals(StateOf(storage, jobId), SucceededState.StateName, StringComparison.Ordinal) ? SucceededState.StateName : null),
            TimeSpan.FromSeconds(60),
            "the Hangfire job to succeed");
        var failuresSoFar = logs.WithEventId(LogEvents.TemporalConnectFailed).Count;
        await logs.WaitForAsync(LogEvents.TemporalConnectFailed, failuresSoFar + 1, "the connector to keep retrying");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var temporal = readiness.RootElement.GetProperty("checks").GetProperty("temporal");
        Assert.Equal("Unhealthy", temporal.GetProperty("status").GetString());
        Assert.StartsWith($"not connected to Temporal at {address} (namespace default)", temporal.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(SucceededState.StateName, jobState);
    }

    private static string? StateOf(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}

/// <summary>A Hangfire job that only has to run: Hangfire calls it by type and method name.</summary>
public static class HangfireProbe
{
    public static void Run()
    {
    }
}
