using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using MLOps.Api.Lifecycle;
using MLOps.Contracts;
using MLOps.Core;
using MLOps.Core.Security;
using MLOps.Storage.Registry;
using MLOps.Storage.Security;
using MLOps.Testing;
using MLOps.Worker.Temporal;
using Npgsql;
using Temporalio.Exceptions;
using Temporalio.Testing;
using Xunit.Abstractions;

namespace MLOps.EndToEnd.Tests.Support;

/// <summary>
/// The platform as deployed, for end-to-end tests: the settings every process shares (real PostgreSQL, S3 and a
/// Temporal server), the CLI's environment, the worker and the API hosted in this process, on-call clients with real
/// keys, and what the stores say afterwards. MLflow is used by every part or by none: by all when the process
/// environment names a live server (<c>MLFLOW_TRACKING_URI</c>, with <c>MLOPS_LIVE_MLFLOW_ARTIFACTS_DESTINATION</c>, as the
/// tracking live tests read them), otherwise switched off explicitly, whatever a dev env file holds.
/// </summary>
public sealed class Platform(string connectionString, WorkflowEnvironment temporal, ITestOutputHelper output)
{
    private readonly Dictionary<string, string> _settings = SharedSettings(connectionString, temporal);

    /// <summary>The live MLflow server this run was pointed at, or null.</summary>
    public static string? LiveMlflow { get; } = Environment.GetEnvironmentVariable("MLFLOW_TRACKING_URI") is { Length: > 0 } uri ? uri : null;

    public string ConnectionString { get; } = connectionString;

    /// <summary>Settings for both hosts on top of the shared ones (a compressed lifecycle policy, say).</summary>
    public Platform With(IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        return this;
    }

    /// <summary>What the CLI needs besides its command line: the artifact store and MLflow, as environment variables.</summary>
    public IReadOnlyDictionary<string, string> CliEnvironment => _settings
        .Where(setting => setting.Key.StartsWith("ArtifactStore:", StringComparison.Ordinal) || (LiveMlflow is not null && setting.Key.StartsWith("Mlflow:", StringComparison.Ordinal)))
        .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);

    public WebApplicationFactory<RetrainScheduleRegistrar> Worker(ILoggerProvider logs) => Host<RetrainScheduleRegistrar>(logs);

    public WebApplicationFactory<TemporalLifecycleGateway> Api(ILoggerProvider logs) => Host<TemporalLifecycleGateway>(logs);

    /// <summary>A client of <paramref name="api"/> with a fresh key of <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(WebApplicationFactory<TemporalLifecycleGateway> api, ApiRole role)
    {
        var client = api.CreateClient();
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        var key = await new ApiKeyStore(dataSource).CreateAsync($"e2e-{role.ToWire()}", role, "end-to-end test");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token.ToString());
        return client;
    }

    /// <summary>The lifecycle state the API shows, or null while it cannot show one yet (saying why in the test output).</summary>
    public async Task<JsonElement?> StateAsync(HttpClient client, string model)
    {
        using var response = await client.GetAsync(new Uri($"/models/{model}", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            output.WriteLine($"GET /models/{model}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return null;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("status").GetProperty("state").Clone();
    }

    public async Task<IReadOnlyList<string>> RegisteredVersionsAsync(string model)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        return (await new ModelVersionStore(dataSource).ListAsync(model, 10, CancellationToken.None)).Select(version => version.Version).ToList();
    }

    /// <summary>Which version the registry says holds <paramref name="stage"/>: what the scoring job serves.</summary>
    public async Task<string?> HolderAsync(string model, ModelStage stage)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        return (await new ModelStageStore(dataSource).FindAsync(model, stage, CancellationToken.None))?.Version;
    }

    public async Task<long> ScoreCountAsync(string model, string version, ModelStage stage)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM model_scores WHERE model = $1 AND version = $2 AND stage = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = model });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = stage.ToString().ToLowerInvariant() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A lifecycle left running would keep a shared server busy after the test.</summary>
    public async Task EndLifecycleAsync(string model)
    {
        try
        {
            await temporal.Client.GetWorkflowHandle(WorkflowIds.Lifecycle(model)).TerminateAsync("end-to-end test finished");
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            // Never started (the test failed before the hand-over) or already ended.
        }
    }

    /// <summary>Writes the warnings and errors the hosts logged to the test output.</summary>
    public void ShowProblems(RecordingLoggerProvider logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        foreach (var line in logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// Day 0 with the shipped CLI: six days of a simulated fleet ending now go into PostgreSQL (<c>mlops simulate</c>),
    /// then <c>mlops train</c> trains and registers the model's first version over them. Returns what train printed.
    /// </summary>
    public async Task<CliProgram.Outcome> SimulateAndTrainAsync(string model, IReadOnlyList<string> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(-6);
        Pass(await CliProgram.RunAsync(CliEnvironment, "simulate", "--to-postgres", "--connection-string", ConnectionString,
            "--services", services.Count.ToString(CultureInfo.InvariantCulture), "--hosts", "2", "--days", "6", "--start", Iso(start)));
        return Pass(await CliProgram.RunAsync(CliEnvironment, ["train", "--model", model, "--connection-string", ConnectionString,
            "--services", .. services, "--from", Iso(start), "--to", Iso(start.AddDays(6)), "--trees", "20"]));
    }

    public CliProgram.Outcome Pass(CliProgram.Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        output.WriteLine(outcome.ToString());
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return outcome;
    }

    private static Dictionary<string, string> SharedSettings(string connectionString, WorkflowEnvironment temporal)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Temporal:Address"] = temporal.Client.Connection.Options.TargetHost!,
            ["Temporal:Namespace"] = temporal.Client.Options.Namespace,
            ["ArtifactStore:Endpoint"] = TestSettings.S3Endpoint.ToString(),
            ["ArtifactStore:AccessKey"] = TestSettings.S3AccessKey,
            ["ArtifactStore:SecretKey"] = TestSettings.S3SecretKey,
            ["ArtifactStore:Bucket"] = TestSettings.GetOptional("ArtifactStore__Bucket") ?? "mlops",
            ["Mlflow:TrackingUri"] = LiveMlflow ?? string.Empty,
        };
        if (LiveMlflow is not null)
        {
            settings["Mlflow:ArtifactsDestination"] = Environment.GetEnvironmentVariable("MLOPS_LIVE_MLFLOW_ARTIFACTS_DESTINATION") ?? "s3://mlflow";
        }

        return settings;
    }

    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private WebApplicationFactory<TEntryPoint> Host<TEntryPoint>(ILoggerProvider logs)
        where TEntryPoint : class =>
        new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
