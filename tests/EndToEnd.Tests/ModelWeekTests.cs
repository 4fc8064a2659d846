using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Core;
using MLOps.Core.Security;
using MLOps.EndToEnd.Tests.Support;
using MLOps.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace MLOps.EndToEnd.Tests;

/// <summary>
/// DESIGN.md's "model's week", compressed into minutes of real time: day 0 (train, hand over, promote), the night-1
/// retrain, its shadow soak, the secondary soak with on-call approval, the new champion paging on an incident, and the
/// rollback that puts the old champion back and resolves the new one's alerts. The worker does everything it does in
/// production, its Hangfire minute job included; only the soaks are short. Telemetry keeps arriving minute by
/// minute, as collectors would send it.
/// </summary>
[Collection(PlatformHostsCollection.Name)]
public sealed class ModelWeekTests(PostgresDatabase database, LocalTemporalFixture temporal, ITestOutputHelper output)
    : IClassFixture<PostgresDatabase>, IClassFixture<LocalTemporalFixture>
{
    private static readonly string[] Services = ["checkout", "payments", "search", "catalog"];

    /// <summary>
    /// Soaks just over a minute, so every soak window holds at least one scored minute, judged once at its end (an interim
    /// report over a window younger than a scored minute would wait for scores that cannot exist yet); gates that judge the mechanics,
    /// not the model (a minute of scores says little about quality); a probation longer than the test, whose guardrail
    /// cannot trip on a handful of alerts, so the rollback is on-call's.
    /// </summary>
    private static readonly Dictionary<string, string> CompressedWeek = new(StringComparer.Ordinal)
    {
        ["Lifecycle:EvaluationInterval"] = "00:01:15",
        ["Lifecycle:Policy:ShadowSoak"] = "00:01:15",
        ["Lifecycle:Policy:SecondarySoak"] = "00:01:15",
        ["Lifecycle:Policy:SecondaryRequiresApproval"] = "true",
        ["Lifecycle:Policy:PrAucDeltaFloor"] = "-1",
        ["Lifecycle:Policy:IncidentRecallDeltaFloor"] = "-1",
        ["Lifecycle:Policy:AlertVolumeRatioCeiling"] = "1000",
        ["Lifecycle:Policy:ProbationDuration"] = "01:00:00",
        ["Lifecycle:Policy:ProbationMinimumAlerts"] = "100000",
        // Page floors stay on (the deployment's default) but cannot fail on minutes of a simulated fleet.
        ["Lifecycle:Policy:PagesPerShift"] = "1000",
        ["Lifecycle:Policy:MinimumIncidentRecall"] = "0",
        ["Lifecycle:OfflineGates:MinimumPrAuc"] = "0",
        ["Lifecycle:OfflineGates:PrAucDeltaFloor"] = "-1",
        ["Lifecycle:OfflineGates:AlertsPerDayRatioCeiling"] = "1000",
        ["Lifecycle:Models:0:TrainingWindow"] = "7.00:00:00",
        // The newest complete minute is scored as soon as it is complete: the feeder below writes each minute as it runs.
        ["Scoring:IngestionDelay"] = "00:00:00",
    };

    [SkippableFact]
    public async Task ModelWeek_DayZeroToRollback_EveryStepServedAndTheRolledBackVersionsAlertsResolved()
    {
        var temporalEnvironment = temporal.Require();
        var model = $"week-{Guid.NewGuid():N}"[..13];
        var platform = new Platform(database.Require(), temporalEnvironment, output)
            .With(new Dictionary<string, string>(CompressedWeek) { ["Lifecycle:Models:0:Name"] = model });
        S3TestClient.Require();
        output.WriteLine($"Temporal: {temporal.Origin}");

        await platform.SimulateAndTrainAsync(model, Services);
        var first = Assert.Single(await platform.RegisteredVersionsAsync(model));

        await using var feeder = await TelemetryFeeder.StartAsync(platform.ConnectionString, output);
        using var logs = new RecordingLoggerProvider();
        await using var worker = platform.Worker(logs);
        await using var api = platform.Api(logs);
        try
        {
            _ = worker.Server;
            using var oncall = await platform.ClientAsync(api, ApiRole.Oncall);

            // Day 0: the CLI-trained version is handed over and promoted straight to champion.
            await PostAsync(oncall, $"/models/{model}/candidates", new { version = first, reason = "day 0: first trained version" }, HttpStatusCode.Accepted);
            await WaitForAsync(async () => CandidateOf(await platform.StateAsync(oncall, model)) is (var version, _, _) && version == first, "v1 to be the lifecycle's candidate");
            await PostAsync(oncall, $"/models/{model}/promote", new { reason = "day 0: promote the baseline", targetStage = "champion", expectedVersion = first, overrideReason = "day 0: no report has judged the first version yet" });
            await WaitForAsync(async () => await platform.HolderAsync(model, ModelStage.Champion) == first, "v1 to be champion in the registry");
            await WaitForAsync(async () => await platform.ScoreCountAsync(model, first, ModelStage.Champion) > 0, "the minute job to score with champion v1");

            // Night 1: a retrain (on demand here, nightly in production) registers v2 and hands it to the lifecycle.
            await PostAsync(oncall, $"/models/{model}/retrain", new { }, HttpStatusCode.Accepted);
            var second = await Eventually.WaitForAsync(
                async () => await platform.HolderAsync(model, ModelStage.Shadow) is { } shadow && shadow != first ? shadow : null,
                TimeSpan.FromMinutes(5),
                "the retrained version to enter shadow",
                TimeSpan.FromSeconds(2));
            output.WriteLine($"retrain registered v{second}: {string.Join(", ", await platform.RegisteredVersionsAsync(model))}");
            await WaitForAsync(async () => await platform.ScoreCountAsync(model, second, ModelStage.Shadow) > 0, "the minute job to score shadow v2");

            // The shadow soak's gates pass and v2 moves on to secondary; from then on one service has an incident.
            await WaitForAsync(async () => await platform.HolderAsync(model, ModelStage.Secondary) == second, "v2 to pass the shadow gates into secondary");
            Assert.Null(await platform.HolderAsync(model, ModelStage.Shadow));
            feeder.StartIncident(Services[0]);
            output.WriteLine($"incident on {Services[0]} from {DateTimeOffset.UtcNow:O}");

            // Secondary needs on-call's approval once its gates have passed.
            await WaitForAsync(
                async () => CandidateOf(await platform.StateAsync(oncall, model)) is (var version, "secondary", { }) && version == second,
                "the secondary gates to pass and wait for approval");
            await PostAsync(oncall, $"/models/{model}/approve", new { reason = "secondary looked right for the soak", expectedVersion = second });
            await WaitForAsync(async () => await platform.HolderAsync(model, ModelStage.Champion) == second, "v2 to be champion in the registry");
            var championSince = DateTimeOffset.UtcNow;
            Assert.Null(await platform.HolderAsync(model, ModelStage.Secondary));

            // Champion v2 pages on the incident; then on-call rolls it back.
            try
            {
                await WaitForAsync(async () => await OpenEpisodesAsync(platform, model, second, "champion") > 0, "champion v2 to open an alert episode on the incident", TimeSpan.FromMinutes(4));
            }
            finally
            {
                await ShowIncidentScoresAsync(platform, model, Services[0]);
            }

            var rolledBackAt = DateTimeOffset.UtcNow;
            await PostAsync(oncall, $"/models/{model}/rollback", new { reason = "v2 pages too much" });
            await WaitForAsync(async () => await platform.HolderAsync(model, ModelStage.Champion) == first, "v1 to be champion again");

            // The next minute job retires v2: none of its episodes stays open, and they say why they closed.
            await WaitForAsync(async () => await OpenEpisodesAsync(platform, model, second, stage: null) == 0, "v2's open alert episodes to be resolved", TimeSpan.FromMinutes(3));
            var reasons = await ResolveReasonsAsync(platform, model, second, championSince);
            output.WriteLine($"v2 episodes resolved since it became champion: {string.Join(", ", reasons)}");
            Assert.Contains("VersionRetired", reasons);
            var afterRollback = await platform.ScoreCountAsync(model, first, ModelStage.Champion);
            await WaitForAsync(async () => await platform.ScoreCountAsync(model, first, ModelStage.Champion) > afterRollback, "the minute job to serve v1 again");

            // The audit trail answers who was champion when.
            Assert.Equal(second, await ChampionAtAsync(oncall, model, rolledBackAt.AddSeconds(-1)));
            Assert.Equal(first, await ChampionAtAsync(oncall, model, DateTimeOffset.UtcNow));
        }
        finally
        {
            await platform.EndLifecycleAsync(model);
            platform.ShowProblems(logs);
        }
    }

    /// <summary>The candidate's version, stage and when its gates passed, from the lifecycle state the API shows.</summary>
    private static (string Version, string Stage, string? GatesPassedAt)? CandidateOf(JsonElement? state) =>
        state?.GetProperty("candidate") is { ValueKind: JsonValueKind.Object } candidate
            ? (candidate.GetProperty("version").GetString()!,
               candidate.GetProperty("stage").GetString()!,
               candidate.GetProperty("gatesPassedAt") is { ValueKind: JsonValueKind.String } passed ? passed.GetString() : null)
            : null;

    private async Task PostAsync(HttpClient client, string path, object body, HttpStatusCode? expected = null)
    {
        using var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"POST {path}: {(int)response.StatusCode} {text}");
        Assert.True(expected is { } status ? response.StatusCode == status : response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
    }

    private static async Task<string?> ChampionAtAsync(HttpClient client, string model, DateTimeOffset at)
    {
        var query = Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/models/{model}/history?at={query}", UriKind.Relative)));
        return body.RootElement.GetProperty("championAt").GetString();
    }

    private static async Task<long> OpenEpisodesAsync(Platform platform, string model, string version, string? stage)
    {
        await using var dataSource = NpgsqlDataSource.Create(platform.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM alert_episodes WHERE model = $1 AND version = $2 AND resolved_at IS NULL AND ($3::text IS NULL OR stage = $3)");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stage ?? DBNull.Value, DataTypeName = "text" });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>What each version scored on the incident's service, against its threshold, so a miss can be read.</summary>
    private async Task ShowIncidentScoresAsync(Platform platform, string model, string service)
    {
        await using var dataSource = NpgsqlDataSource.Create(platform.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT window_end, version, stage, score, threshold FROM model_scores WHERE model = $1 AND service = $2 ORDER BY window_end DESC, version LIMIT 16");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = service });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{reader.GetFieldValue<DateTimeOffset>(0):HH:mm} {service} v{reader.GetString(1)} {reader.GetString(2)}: score {reader.GetFloat(3):0.000} threshold {reader.GetFloat(4):0.000}"));
        }
    }

    private static async Task<List<string>> ResolveReasonsAsync(Platform platform, string model, string version, DateTimeOffset since)
    {
        await using var dataSource = NpgsqlDataSource.Create(platform.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT resolve_reason FROM alert_episodes WHERE model = $1 AND version = $2 AND resolved_at >= $3 ORDER BY resolved_at");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        var reasons = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            reasons.Add(reader.GetString(0));
        }

        return reasons;
    }

    /// <summary>Steps wait on the minute job and the soaks, so their deadlines are minutes.</summary>
    private static Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(async () => await condition() ? (object)true : null, timeout ?? TimeSpan.FromMinutes(4), what, TimeSpan.FromSeconds(2));
}
