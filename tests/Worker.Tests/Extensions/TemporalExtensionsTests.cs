using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MLOps.Activities.Registry;
using MLOps.Hosting.Temporal;
using MLOps.Tracking.Mlflow;
using MLOps.Worker.Temporal;
using MLOps.Worker.Tests.Temporal;
using Temporalio.Extensions.Hosting;

namespace MLOps.Worker.Tests.Extensions;

public class TemporalExtensionsTests
{
    [Fact]
    public async Task AddMlopsTemporal_NoAddress_HostStartsWithoutWorkersAndSaysTemporalIsDisabled()
    {
        var logs = new RecordedLogs();
        using var host = UnreachableTemporal.BuildHost(new Dictionary<string, string?>(), logs);

        await host.StartAsync();
        await host.StopAsync();

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), service => service is TemporalWorkerService);
        Assert.Contains(logs.Entries, entry => entry.Message.StartsWith("Temporal is disabled: Temporal:Address is not set.", StringComparison.Ordinal));
    }

    [Fact]
    public void AddMlopsTemporal_WithAddress_RegistersControlWorkerAndBootstrap()
    {
        using var host = UnreachableTemporal.BuildHost(new Dictionary<string, string?> { ["Temporal:Address"] = "127.0.0.1:7233" }, new RecordedLogs());

        var hosted = host.Services.GetServices<IHostedService>().ToList();

        Assert.Contains(hosted, service => service is TemporalWorkerService);
        Assert.Contains(hosted, service => service is TemporalBootstrapService);
        Assert.DoesNotContain(hosted, service => service is TemporalDisabledNotice);
    }

    [Fact]
    public void AddMlopsTemporal_WithoutMlflow_RegistersTheRegistryWithoutMirrorAndSaysSo()
    {
        using var host = UnreachableTemporal.BuildHost(new Dictionary<string, string?> { ["Temporal:Address"] = "127.0.0.1:7233" }, new RecordedLogs());
        using var scope = host.Services.CreateScope();

        Assert.Contains(host.Services.GetServices<IHostedService>(), service => service is MlflowMissingNotice);
        Assert.NotNull(scope.ServiceProvider.GetService<RegistryActivities>());
        Assert.Null(scope.ServiceProvider.GetService<MlflowRegistryMirror>());
    }

    [Fact]
    public void AddMlopsTemporal_WithMlflow_RegistersTheRegistryWithItsMlflowMirror()
    {
        using var host = UnreachableTemporal.BuildHost(
            new Dictionary<string, string?>
            {
                ["Temporal:Address"] = "127.0.0.1:7233",
                ["Mlflow:TrackingUri"] = "http://127.0.0.1:5000",
                ["Mlflow:ArtifactsDestination"] = "s3://mlflow",
                ["ArtifactStore:Endpoint"] = "http://127.0.0.1:9000",
                ["ArtifactStore:AccessKey"] = "key",
                ["ArtifactStore:SecretKey"] = "secret",
            },
            new RecordedLogs());

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), service => service is MlflowMissingNotice);
        using var scope = host.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetService<RegistryActivities>());
        Assert.NotNull(scope.ServiceProvider.GetService<MlflowRegistryMirror>());
    }

    [Fact]
    public void AddMlopsTemporal_WithAddress_RegistersTrainingWorkerWithTrainingAndBacktestActivities()
    {
        using var host = UnreachableTemporal.BuildHost(new Dictionary<string, string?> { ["Temporal:Address"] = "127.0.0.1:7233" }, new RecordedLogs());

        var workers = host.Services.GetServices<IHostedService>().OfType<TemporalWorkerService>().ToList();
        var training = host.Services.GetRequiredService<IOptionsMonitor<TemporalWorkerServiceOptions>>().Get("mlops-training");

        Assert.Equal(2, workers.Count);
        Assert.Equal("mlops-training", training.TaskQueue);
        Assert.Equal(["EvaluateCandidate", "RunBacktest", "SnapshotTrainingData", "TrainCandidate"], training.Activities.Select(a => a.Name).Order(StringComparer.Ordinal));

        // Everything the backtest activity needs (registry, telemetry, artifacts, scoring and alert settings) is registered.
        using var scope = host.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<MLOps.Activities.Backtest.BacktestActivities>());
    }

    [Fact]
    public async Task AddMlopsTemporal_InvalidOptions_FailsAtStartWithTheProblem()
    {
        using var host = UnreachableTemporal.BuildHost(
            new Dictionary<string, string?> { ["Temporal:TaskQueue"] = "same", ["Temporal:TrainingTaskQueue"] = "same" },
            new RecordedLogs());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Temporal:TrainingTaskQueue must differ from Temporal:TaskQueue", failure.Message, StringComparison.Ordinal);
    }
}
