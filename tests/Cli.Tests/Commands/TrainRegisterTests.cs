using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using MLOps.Cli.Commands;
using MLOps.Cli.Tests.Import;
using MLOps.Testing;
using Spectre.Console;

namespace MLOps.Cli.Tests.Commands;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>Tests that set the process environment the CLI reads its settings from; they run alone.</summary>
    public const string Name = "process environment";
}

/// <summary>
/// <c>mlops train --register</c> as a user runs it, on committed SMD-shaped samples (smd-anomalies: one synthetic
/// machine with labelled bursts in its test half, so validation can judge a candidate), with the settings in the process
/// environment the way the CLI reads them. Every variable the test depends on is set (or removed) here and restored
/// after, so the machine's own environment decides nothing.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class TrainRegisterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("train-register-").FullName;
    private readonly Dictionary<string, string?> _saved = [];

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Train_NoDetectorBetterThanChance_OneLineSayingWhyStoresNothingAndExitsOne()
    {
        // The four-minute import sample: validation holds no positive window, so no detector can be judged better than chance.
        Set("ArtifactStore__Endpoint", null);
        Set("ArtifactStore__RootPath", _root);
        Set("Mlflow__TrackingUri", null);
        Set("MLFLOW_TRACKING_URI", null);

        var (exitCode, error) = await TrainAsync("--dataset", "smd", "--path", TestData.Path("smd"), "--machines", "1", "--register");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("No candidate: No detector is better than chance on validation", line, StringComparison.Ordinal);
        Assert.Contains("robust-z (ROC-AUC is undefined", line, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was stored or registered.", line.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_root, "manifest.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Register_MlflowWithAFolderArtifactStore_OneLineSayingWhatIsStoredAndExitsWithTheSettingsCode()
    {
        Set("ArtifactStore__Endpoint", null);
        Set("ArtifactStore__RootPath", _root);
        Set("Mlflow__TrackingUri", ClosedPort());
        Set("MLFLOW_TRACKING_URI", null);
        Set("Mlflow__ArtifactsDestination", "s3://mlflow");

        var (exitCode, error) = await TrainAsync("--dataset", "smd", "--path", TestData.Path("smd-anomalies"), "--machines", "1", "--register");

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("failed: the registry settings are refused: Mlflow:TrackingUri is set but the artifact store is a local folder", line, StringComparison.Ordinal);
        Assert.Contains($"Already stored: the model at file://{_root}/models/smd/", line, StringComparison.Ordinal);
        Assert.Contains("no training run was recorded yet. To resume, fix the settings, then run the same mlops train command again", line, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Register_MlflowUnreachable_ShowsTheRetriesThenOneLineAndExitsUnavailable()
    {
        Skip.If(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ArtifactStore__Endpoint")), "ArtifactStore__Endpoint is not set; source .dev/services.env for the dev S3 endpoint");
        var bucket = $"train-register-{Guid.NewGuid():N}"[..30];
        Set("ArtifactStore__Bucket", bucket);
        Set("Mlflow__TrackingUri", ClosedPort());
        Set("MLFLOW_TRACKING_URI", null);
        Set("Mlflow__ArtifactsDestination", "s3://mlflow");
        Set("Mlflow__MaxRetries", "2");
        Set("Mlflow__RetryBaseDelay", "00:00:00.001");
        var console = AnsiConsole.Console;
        using var shown = new StringWriter();
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(shown), Interactive = InteractionSupport.No });
        try
        {
            var (exitCode, error) = await TrainAsync("--dataset", "smd", "--path", TestData.Path("smd-anomalies"), "--machines", "1", "--register");

            Assert.Equal(3, exitCode);
            Assert.Contains("retry 1 of 2", shown.ToString(), StringComparison.Ordinal);
            Assert.Contains("retry 2 of 2", shown.ToString(), StringComparison.Ordinal);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("failed: MLflow is unavailable (MLflow GET experiments/get-by-name got no answer", line, StringComparison.Ordinal);
            Assert.Contains($"Already stored: the model at s3://{bucket}/models/smd/", line, StringComparison.Ordinal);
            Assert.Contains("To resume once it is back, run the same mlops train command again", line, StringComparison.Ordinal);
        }
        finally
        {
            AnsiConsole.Console = console;
            await S3TestClient.RemoveBucketAsync(bucket);
        }
    }

    private void Set(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    private static async Task<(int ExitCode, string Error)> TrainAsync(params string[] args)
    {
        var root = new RootCommand();
        root.AddTrainingCommands();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await root.Parse(["train", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, error.ToString());
    }

    private static string ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/";
    }
}
