using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Activities.Jobs;
using MLOps.Core;
using MLOps.Core.Security;
using MLOps.EndToEnd.Tests.Support;
using MLOps.Testing;
using Xunit.Abstractions;

namespace MLOps.EndToEnd.Tests;

/// <summary>
/// DESIGN.md's day 0, as an on-call lead does it: telemetry imported, <c>mlops train</c> registers a first version,
/// the lead hands it to the lifecycle and promotes it straight to champion with a reason, and the next scoring pass
/// serves it. Everything is the shipped code: the CLI as a program, the API and the worker as hosts, over real
/// PostgreSQL, S3 and a Temporal server.
/// </summary>
[Collection(PlatformHostsCollection.Name)]
public sealed class DayZeroTests(PostgresDatabase database, TimeSkippingTemporalFixture temporal, ITestOutputHelper output)
    : IClassFixture<PostgresDatabase>, IClassFixture<TimeSkippingTemporalFixture>
{
    private static readonly string[] Services = ["checkout", "payments", "search", "catalog"];

    [SkippableFact]
    public async Task DayZero_TrainHandOverPromote_TheTrainedVersionIsChampionAndScoresTheFleet()
    {
        var platform = new Platform(database.Require(), temporal.Require(), output);
        S3TestClient.Require();
        output.WriteLine($"Temporal: {temporal.Origin}");
        var model = $"day0-{Guid.NewGuid():N}"[..13];

        // Telemetry ending now, so the scoring pass at the end has a newest minute to score.
        var trained = await platform.SimulateAndTrainAsync(model, Services);
        var version = Assert.Single(await platform.RegisteredVersionsAsync(model));
        Assert.Contains($"version {version}", trained.Output, StringComparison.Ordinal);

        using var logs = new RecordingLoggerProvider();
        await using var worker = platform.Worker(logs);
        await using var api = platform.Api(logs);
        try
        {
            _ = worker.Server;
            using var oncall = await platform.ClientAsync(api, ApiRole.Oncall);

            using var handedOver = await oncall.PostAsJsonAsync(Uri($"/models/{model}/candidates"), new { version, reason = "day 0: first trained version" });
            Assert.Equal(HttpStatusCode.Accepted, handedOver.StatusCode);
            await Eventually.WaitForAsync(
                async () => (await platform.StateAsync(oncall, model)) is { } state && CandidateVersion(state) == version ? version : null,
                TimeSpan.FromSeconds(60),
                "the lifecycle to take the handed-over version as its candidate");

            using var promoted = await oncall.PostAsJsonAsync(
                Uri($"/models/{model}/promote"),
                new
                {
                    reason = "day 0: no champion yet, promote the baseline",
                    targetStage = "champion",
                    expectedVersion = version,
                    // No shadow report has judged a day-0 candidate yet, so its gates are unjudged: promoting is an override.
                    overrideReason = "first version, replayed by hand before the hand-over",
                });
            Assert.True(promoted.IsSuccessStatusCode, await promoted.Content.ReadAsStringAsync());
            var champion = await Eventually.WaitForAsync(
                async () => await platform.HolderAsync(model, ModelStage.Champion),
                TimeSpan.FromSeconds(60),
                "the registry to record the champion");
            Assert.Equal(version, champion);

            using var scope = worker.Services.CreateScope();
            var pass = await scope.ServiceProvider.GetRequiredService<OnlineScoringJob>().RunAsync(CancellationToken.None);
            output.WriteLine($"scoring pass: {pass}");
            Assert.Equal(Services.Length, pass.Services);
            Assert.Equal(Services.Length, await platform.ScoreCountAsync(model, version, ModelStage.Champion));
        }
        finally
        {
            await platform.EndLifecycleAsync(model);
            platform.ShowProblems(logs);
        }
    }

    private static string? CandidateVersion(JsonElement state) =>
        state.GetProperty("candidate") is { ValueKind: JsonValueKind.Object } candidate ? candidate.GetProperty("version").GetString() : null;

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
