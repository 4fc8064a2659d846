using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Activities.Jobs;
using MLOps.Api.Lifecycle;
using MLOps.Contracts;
using MLOps.Core;
using MLOps.Core.Security;
using MLOps.EndToEnd.Tests.Support;
using MLOps.Storage.Registry;
using MLOps.Storage.Security;
using MLOps.Testing;
using MLOps.Worker.Temporal;
using Npgsql;
using Temporalio.Exceptions;
using Xunit.Abstractions;

namespace MLOps.EndToEnd.Tests;

/// <summary>
/// DESIGN.md's day 0, as an on-call lead does it: telemetry imported, <c>mlops train</c> registers a first version,
/// the lead hands it to the lifecycle and promotes it straight to champion with a reason, and the next scoring pass
/// serves it. Everything is the shipped code: the CLI as a program, the API and the worker as hosts, over real
/// PostgreSQL, S3 and a Temporal server.
/// </summary>
public sealed class DayZeroTests(PostgresDatabase database, TimeSkippingTemporalFixture temporal, ITestOutputHelper output)
    : IClassFixture<PostgresDatabase>, IClassFixture<TimeSkippingTemporalFixture>
{
    private static readonly string[] Services = ["checkout", "payments", "search", "catalog"];

    [SkippableFact]
    public async Task DayZero_TrainHandOverPromote_TheTrainedVersionIsChampionAndScoresTheFleet()
    {
        var connectionString = database.Require();
        var environment = temporal.Require();
        S3TestClient.Require();
        output.WriteLine($"Temporal: {temporal.Origin}");
        var model = $"day0-{Guid.NewGuid():N}"[..13];
        var bucket = TestSettings.GetOptional("ArtifactStore__Bucket") ?? "mlops";
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Temporal:Address"] = environment.Client.Connection.Options.TargetHost!,
            ["Temporal:Namespace"] = environment.Client.Options.Namespace,
            ["ArtifactStore:Endpoint"] = TestSettings.S3Endpoint.ToString(),
            ["ArtifactStore:AccessKey"] = TestSettings.S3AccessKey,
            ["ArtifactStore:SecretKey"] = TestSettings.S3SecretKey,
            ["ArtifactStore:Bucket"] = bucket,
        };
        var cli = settings.Where(setting => setting.Key.StartsWith("ArtifactStore:", StringComparison.Ordinal))
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

        // Telemetry ending now, so the scoring pass at the end has a newest minute to score.
        var end = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(end.Year, end.Month, end.Day, end.Hour, end.Minute, 0, TimeSpan.Zero).AddDays(-6);
        Pass(await CliProgram.RunAsync(cli, "simulate", "--to-postgres", "--connection-string", connectionString,
            "--services", Services.Length.ToString(CultureInfo.InvariantCulture), "--hosts", "2", "--days", "6", "--start", Iso(start)));
        var trained = Pass(await CliProgram.RunAsync(cli, ["train", "--model", model, "--connection-string", connectionString,
            "--services", .. Services, "--from", Iso(start), "--to", Iso(start.AddDays(6)), "--trees", "20"]));
        var version = await RegisteredVersionAsync(model);
        Assert.Contains($"version {version}", trained.Output, StringComparison.Ordinal);

        using var logs = new RecordingLoggerProvider();
        await using var worker = Host<RetrainScheduleRegistrar>(settings, logs);
        await using var api = Host<TemporalLifecycleGateway>(settings, logs);
        try
        {
            _ = worker.Server;
            using var oncall = await ClientAsync(api, ApiRole.Oncall);

            using var handedOver = await oncall.PostAsJsonAsync(Uri($"/models/{model}/candidates"), new { version, reason = "day 0: first trained version" });
            Assert.Equal(HttpStatusCode.Accepted, handedOver.StatusCode);
            await Eventually.WaitForAsync(
                async () => (await StateAsync(oncall, model)) is { } state && CandidateVersion(state) == version ? version : null,
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
                async () => await ChampionAsync(model),
                TimeSpan.FromSeconds(60),
                "the registry to record the champion");
            Assert.Equal(version, champion);

            using var scope = worker.Services.CreateScope();
            var pass = await scope.ServiceProvider.GetRequiredService<OnlineScoringJob>().RunAsync(CancellationToken.None);
            output.WriteLine($"scoring pass: {pass}");
            Assert.Equal(Services.Length, pass.Services);
            Assert.Equal(Services.Length, await ScoreCountAsync(model, version, ModelStage.Champion));
        }
        finally
        {
            await EndLifecycleAsync(model);
            foreach (var line in logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal)))
            {
                output.WriteLine(line);
            }
        }
    }

    private static WebApplicationFactory<TEntryPoint> Host<TEntryPoint>(Dictionary<string, string> settings, ILoggerProvider logs)
        where TEntryPoint : class =>
        new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private async Task<HttpClient> ClientAsync(WebApplicationFactory<TemporalLifecycleGateway> api, ApiRole role)
    {
        var client = api.CreateClient();
        var key = await new ApiKeyStore(database.CreateDataSource()).CreateAsync($"day0-{role.ToWire()}", role, "day-0 test");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key.Token.ToString());
        return client;
    }

    /// <summary>The lifecycle state, or null while the API cannot show one yet (saying why in the test output).</summary>
    private async Task<JsonElement?> StateAsync(HttpClient client, string model)
    {
        using var response = await client.GetAsync(Uri($"/models/{model}"));
        if (!response.IsSuccessStatusCode)
        {
            output.WriteLine($"GET /models/{model}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return null;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetProperty("state").Clone();
    }

    private static string? CandidateVersion(JsonElement state) =>
        state.GetProperty("candidate") is { ValueKind: JsonValueKind.Object } candidate ? candidate.GetProperty("version").GetString() : null;

    private async Task<string> RegisteredVersionAsync(string model)
    {
        await using var dataSource = database.CreateDataSource();
        var registered = await new ModelVersionStore(dataSource).ListAsync(model, 10, CancellationToken.None);
        return Assert.Single(registered).Version;
    }

    private async Task<string?> ChampionAsync(string model)
    {
        await using var dataSource = database.CreateDataSource();
        return (await new ModelStageStore(dataSource).FindAsync(model, ModelStage.Champion, CancellationToken.None))?.Version;
    }

    private async Task<long> ScoreCountAsync(string model, string version, ModelStage stage)
    {
        await using var dataSource = database.CreateDataSource();
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM model_scores WHERE model = $1 AND version = $2 AND stage = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = stage.ToString().ToLowerInvariant() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A lifecycle left running would keep a shared server busy after the test.</summary>
    private async Task EndLifecycleAsync(string model)
    {
        try
        {
            await temporal.Require().Client.GetWorkflowHandle(WorkflowIds.Lifecycle(model)).TerminateAsync("day-0 test finished");
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            // Never started (the test failed before the hand-over) or already ended.
        }
    }

    private CliProgram.Outcome Pass(CliProgram.Outcome outcome)
    {
        output.WriteLine(outcome.ToString());
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return outcome;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static Uri Uri(string path) => new(path, UriKind.Relative);
}
