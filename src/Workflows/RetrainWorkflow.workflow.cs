using System.Globalization;
using Microsoft.Extensions.Logging;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using MLOps.Core.Tracking;
using MLOps.Core.Training;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace MLOps.Workflows;

/// <summary>
/// One night's retrain of one model: snapshot -> train -> evaluate against the champion -> log the run ->
/// register the version -> if the offline gates pass, hand the candidate to the lifecycle.
/// Every activity result is a reference (hashes, URIs, metrics), never data.
/// </summary>
[Workflow(WorkflowNames.Retrain)]
public sealed class RetrainWorkflow
{
    [WorkflowRun]
    public async Task<RetrainResult> RunAsync(RetrainInput input)
    {
        Validate(input);
        var info = Workflow.Info;
        var windowEnd = Workflow.UtcNow;
        var dataset = await Workflow.ExecuteActivityAsync(
            (ITrainingActivities training) => training.SnapshotTrainingDataAsync(new TrainingDataRequest(input.ModelName, windowEnd - input.TrainingWindow, windowEnd)),
            TrainingOptions(input, TimeSpan.FromMinutes(30)));
        Workflow.Logger.LogInformation("Snapshot for {Model}: {Rows} rows, sha256 {Sha256}", input.ModelName, dataset.Rows, dataset.Sha256);

        var candidate = await Workflow.ExecuteActivityAsync(
            (ITrainingActivities training) => training.TrainCandidateAsync(new TrainCandidateRequest(input.ModelName, dataset, input.Seed, info.WorkflowId, info.RunId)),
            TrainingOptions(input, TimeSpan.FromHours(2)));

        var comparison = await Workflow.ExecuteActivityAsync(
            (ITrainingActivities training) => training.EvaluateCandidateAsync(new EvaluateCandidateRequest(input.ModelName, candidate, dataset)),
            TrainingOptions(input, TimeSpan.FromMinutes(30)));
        var verdict = OfflineGate.Evaluate(comparison, input.OfflineGates);

        var run = await Workflow.ExecuteActivityAsync(
            (IRegistryActivities registry) => registry.LogTrainingRunAsync(RunLog(input, dataset, candidate, comparison, verdict)),
            ControlActivities.Options());
        var version = await Workflow.ExecuteActivityAsync(
            (IRegistryActivities registry) => registry.RegisterModelVersionAsync(new VersionRegistration(input.ModelName, run.RunId, candidate.ArtifactUri.ToString(), Tags(dataset, candidate)) { ModelFolder = candidate.ModelFolder }),
            ControlActivities.Options());

        if (!verdict.Passed)
        {
            Workflow.Logger.LogInformation("{Model} version {Version} failed the offline gates: {Failures}", input.ModelName, version.Version, verdict.Failures);
            return new RetrainResult(input.ModelName, dataset.Sha256, run.RunId, version.Version, false, verdict.Failures);
        }

        // Signal-with-start goes through an activity with the Temporal client rather than an external
        // workflow handle: the lifecycle may not run yet (a model's first candidate), and a workflow
        // can only signal running workflows. Workflow.SignalWithStartWorkflowAsync exists in the SDK
        // but is experimental and needs server support we cannot count on.
        var registration = new CandidateRegistered(version.Version, run.RunId, $"retrain:{info.WorkflowId}", "offline gates passed");
        await Workflow.ExecuteActivityAsync(
            (ILifecycleHandoffActivities handoff) => handoff.HandCandidateToLifecycleAsync(new CandidateHandoff(input.Lifecycle, registration, info.TaskQueue)),
            ControlActivities.Options());
        return new RetrainResult(input.ModelName, dataset.Sha256, run.RunId, version.Version, true, []);
    }

    private static void Validate(RetrainInput input)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(input.ModelName))
        {
            problems.Add("ModelName is required");
        }

        if (string.IsNullOrWhiteSpace(input.TrainingTaskQueue))
        {
            problems.Add("TrainingTaskQueue is required");
        }

        if (input.TrainingWindow <= TimeSpan.Zero)
        {
            problems.Add("TrainingWindow must be positive");
        }

        if (input.Lifecycle?.ModelName != input.ModelName)
        {
            problems.Add("Lifecycle.ModelName must match ModelName");
        }

        if (problems.Count > 0)
        {
            // Bad input stays bad on retry: fail the run at once with every problem named.
            throw new ApplicationFailureException($"Invalid retrain input: {string.Join("; ", problems)}", errorType: "InvalidInput", nonRetryable: true);
        }
    }

    /// <summary>Heavy steps: their own task queue, heartbeats so a dead trainer is noticed in minutes, few retries.</summary>
    private static ActivityOptions TrainingOptions(RetrainInput input, TimeSpan startToClose) => new()
    {
        TaskQueue = input.TrainingTaskQueue,
        StartToCloseTimeout = startToClose,
        HeartbeatTimeout = TimeSpan.FromMinutes(2),
        CancellationType = ActivityCancellationType.WaitCancellationCompleted,
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = TimeSpan.FromSeconds(30),
            BackoffCoefficient = 2,
            MaximumInterval = TimeSpan.FromMinutes(10),
            MaximumAttempts = 3,
        },
    };

    private static TrainingRunLog RunLog(RetrainInput input, DatasetSnapshot dataset, TrainedCandidate candidate, OfflineComparison comparison, OfflineGateVerdict verdict)
    {
        var parameters = new Dictionary<string, string>(candidate.Params, StringComparer.Ordinal)
        {
            ["seed"] = input.Seed.ToString(CultureInfo.InvariantCulture),
            ["data_window_start"] = dataset.WindowStart.ToString("O", CultureInfo.InvariantCulture),
            ["data_window_end"] = dataset.WindowEnd.ToString("O", CultureInfo.InvariantCulture),
            ["threshold"] = candidate.Threshold.ToString("R", CultureInfo.InvariantCulture),
        };
        var metrics = new Dictionary<string, double>(candidate.Metrics, StringComparer.Ordinal)
        {
            ["offline_pr_auc"] = comparison.Candidate.PrAuc,
            ["offline_roc_auc"] = comparison.Candidate.RocAuc,
            ["offline_alerts_per_day"] = comparison.Candidate.AlertsPerDay,
        };
        if (comparison.Champion is { } champion)
        {
            metrics["champion_pr_auc"] = champion.PrAuc;
            metrics["champion_alerts_per_day"] = champion.AlertsPerDay;
        }

        var tags = new Dictionary<string, string>(Tags(dataset, candidate), StringComparer.Ordinal)
        {
            ["offline_gate"] = verdict.Passed ? "passed" : string.Join("; ", verdict.Failures),
            ["champion_version"] = comparison.ChampionVersion ?? "none",
        };
        var info = Workflow.Info;
        return new TrainingRunLog(input.ModelName, info.WorkflowId, info.RunId, dataset.Sha256, input.CodeVersion, parameters, metrics, tags);
    }

    private static Dictionary<string, string> Tags(DatasetSnapshot dataset, TrainedCandidate candidate) => new(StringComparer.Ordinal)
    {
        ["temporal.workflow_id"] = Workflow.Info.WorkflowId,
        ["temporal.run_id"] = Workflow.Info.RunId,
        ["dataset_sha256"] = dataset.Sha256,
        ["artifact_sha256"] = candidate.ArtifactSha256,
    };
}
