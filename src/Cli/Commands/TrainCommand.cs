using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Cli.OnCall;
using MLOps.Cli.Training;
using MLOps.Core.Alerting;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using MLOps.Tracking.Registry;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>
/// <c>mlops train</c>: the training pipeline without Temporal, from PostgreSQL or a benchmark folder; prints the
/// report of every detector, stores the version in the artifact store and optionally writes the report and features.
/// </summary>
internal static class TrainCommand
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var source = new TrainingSourceOptions();
        var model = new Option<string?>("--model") { Description = "Model name in the artifact store (default: the dataset name, else 'fleet')." };
        var horizon = new Option<int>("--horizon-minutes") { Description = "Label horizon: incident within this many minutes.", DefaultValueFactory = _ => 15 };
        var trainFraction = new Option<double>("--train-fraction") { Description = "Time share of the train part.", DefaultValueFactory = _ => 0.6 };
        var validationFraction = new Option<double>("--validation-fraction") { Description = "Time share of the validation part (threshold choice).", DefaultValueFactory = _ => 0.2 };
        var trees = new Option<int>("--trees") { Description = "FastTree trees.", DefaultValueFactory = _ => 100 };
        var patience = new Option<int>("--early-stopping-patience")
        {
            Description = "FastTree stops after this many trees without a better validation error rate (0: grow every tree).",
            DefaultValueFactory = _ => new FastTreeOptions().EarlyStoppingPatience,
        };
        var seed = new Option<int>("--seed") { Description = "Seed of FastTree, PCA and the isolation forest.", DefaultValueFactory = _ => 42 };
        var thresholdMode = new Option<ThresholdSelectionMode>("--threshold-mode")
        {
            Description = "PagerBudget (default): highest incident recall within the pager budget on validation; WindowPrecision: target window precision with a recall floor.",
            DefaultValueFactory = _ => ThresholdSelectionMode.PagerBudget,
        };
        var pagesPerShift = new Option<int>("--pages-per-shift") { Description = "Pager budget: pages per 12 h shift per service or owner.", DefaultValueFactory = _ => PagerBudget.Default.PagesPerShift };
        var report = new Option<FileInfo?>("--report") { Description = "Write the reports as JSON to this file." };
        var exportFeatures = new Option<FileInfo?>("--export-features") { Description = "Write split,label,features CSV (bench/side_by_side.py reads it)." };
        var register = new Option<bool?>("--register")
        {
            Description = "Register the version in the platform's registry (PostgreSQL at --connection-string, mirrored to MLflow when configured), "
                + "so the lifecycle can take it. Default: yes when the data comes from PostgreSQL, no for a benchmark folder.",
        };
        var command = new Command("train", "Train FastTree and the unsupervised baselines, choose thresholds and the candidate by validation pages, evaluate on the held-out time and store the version.")
        {
            model, horizon, trainFraction, validationFraction, trees, patience, seed, thresholdMode, pagesPerShift, report, exportFeatures, register,
        };
        source.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new TrainingPipelineOptions
            {
                Horizon = TimeSpan.FromMinutes(parseResult.GetValue(horizon)),
                TrainFraction = parseResult.GetValue(trainFraction),
                ValidationFraction = parseResult.GetValue(validationFraction),
                FastTree = new FastTreeOptions
                {
                    NumberOfTrees = parseResult.GetValue(trees),
                    EarlyStoppingPatience = parseResult.GetValue(patience),
                    Seed = parseResult.GetValue(seed),
                },
                IsolationForest = new IsolationForestOptions { Seed = parseResult.GetValue(seed) },
                Threshold = new ThresholdSelectionOptions { Mode = parseResult.GetValue(thresholdMode) },
                PagerBudget = PagerBudget.Default with { PagesPerShift = parseResult.GetValue(pagesPerShift) },
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(e.Message);
                return 2;
            }

            var modelName = parseResult.GetValue(model) ?? source.DatasetName(parseResult) ?? "fleet";
            var (input, connection) = await source.LoadAsync(parseResult, cancellationToken);
            await using var _ = connection;
            var pipeline = new TrainingPipeline(CliArtifactStore.Create(), NullLogger<TrainingPipeline>.Instance);
            var clock = Stopwatch.StartNew();
            LabeledWindows? data = null;
            StoredTraining? stored = null;
            TrainingOutcome? outcome = null;
            try
            {
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("featurizing", maxValue: 1);
                        var progress = new SpectreProgress(task);
                        data = TrainingPipeline.Prepare(input, options, progress, cancellationToken);
                        options = WithDataStep(options, data);
                        if (parseResult.GetValue(exportFeatures) is { } features)
                        {
                            await using var writer = new StreamWriter(features.FullName);
                            data.WriteCsv(writer, withKeys: false);
                        }

                        (stored, outcome) = await pipeline.TrainAndStoreAsync(modelName, data, input.Incidents, options, runKey: "cli", progress, cancellationToken);
                        task.Value = 1;
                    });
            }
            catch (TrainingDataException e)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{e.Message}[/]");
                return 1;
            }
            catch (NoCandidateException e)
            {
                // Same exit as unusable data: nothing on this data is fit to page anyone. One line, like a registration failure.
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"No candidate: {e.Message} Nothing was stored or registered.");
                return 1;
            }

            WidenRedirectedOutput();
            var manifest = stored!.Manifest;
            AnsiConsole.MarkupLineInterpolated(
                $"{(stored.ReusedExistingVersion ? "Already stored" : "Stored")} {modelName} version [bold]{manifest.Version}[/] ({manifest.HyperParameters[DetectorKind.ManifestKey]}) at {stored.ModelUri} in {clock.Elapsed.TotalSeconds:F1} s");
            AnsiConsole.MarkupLineInterpolated($"dataset sha256 {manifest.DatasetSha256}: {data!.CountRows(SplitPart.Train):N0} train / {data.CountRows(SplitPart.Validation):N0} validation / {data.CountRows(SplitPart.Test):N0} test windows, {data.Width} features");
            if (outcome is not null)
            {
                AnsiConsole.Write(ReportTable.Render("Test part", outcome.Detectors.Select(d => (d.Kind, d.TestReport))));
                foreach (var detector in outcome.Detectors)
                {
                    var fitted = string.Concat(detector.FittedParameters.Select(pair => $"; {pair.Key}={pair.Value}"));
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                        $"{detector.Kind}: trained in {detector.TrainingTime.TotalSeconds:F2} s, scores {detector.TestRowsPerSecond:N0} rows/s, validation PR-AUC {detector.ValidationPrAuc:F3}{fitted}; threshold: {detector.ThresholdReason}");
                }

                AnsiConsole.Write(CandidateTable.Render(outcome.Detectors, outcome.Selection));
                AnsiConsole.MarkupLineInterpolated($"[bold]Candidate[/]: {outcome.Selection.Why}");
            }

            if (parseResult.GetValue(register) ?? source.ReadsDatabase(parseResult))
            {
                var exit = await RegisterAsync(source.ConnectionString(parseResult), stored, parseResult.InvocationConfiguration.Error, cancellationToken);
                if (exit != ExitCodes.Ok)
                {
                    return exit;
                }
            }

            if (parseResult.GetValue(report) is { } reportFile && outcome is not null)
            {
                await File.WriteAllBytesAsync(
                    reportFile.FullName,
                    JsonSerializer.SerializeToUtf8Bytes(new
                    {
                        manifest,
                        candidate = new { outcome.Selection.Candidate, Outcome = outcome.Selection.Outcome.ToString(), outcome.Selection.Why, outcome.Selection.Standings },
                        detectors = outcome.Detectors.Select(d => new
                        {
                            d.Kind,
                            d.Threshold,
                            d.ThresholdReason,
                            d.ValidationPrAuc,
                            ValidationRocAuc = d.Validation.RocAuc,
                            ValidationPages = d.Validation.Selection.Pages,
                            d.TestPages,
                            TrainingSeconds = d.TrainingTime.TotalSeconds,
                            Report = d.TestReport,
                        }),
                    }, ReportJson),
                    cancellationToken);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Records the training and its version through the one registry the workflows use, so on-call can hand it to
    /// the model's lifecycle (day 0). Registering the same training again finds its run and version. The progress
    /// line shows the MLflow client's retries; a failure is one line on <paramref name="error"/> saying what failed,
    /// what is stored and how to resume (<see cref="PublishFailure"/>), and its exit code.
    /// </summary>
    private static async Task<int> RegisterAsync(string connectionString, StoredTraining stored, TextWriter error, CancellationToken cancellationToken)
    {
        var manifest = stored.Manifest;
        string? runId = null;
        try
        {
            return await AnsiConsole.Status().StartAsync($"registering {manifest.ModelName} version {manifest.Version}", async status =>
            {
                await using var services = CliRegistry.Create(connectionString, onRetry: retry => ShowRetry(status, manifest.Version, retry));
                var registry = services.GetRequiredService<ModelRegistry>();
                var run = await registry.LogTrainingRunAsync(
                    ManualTraining.RunLog(manifest, stored.ModelUri, stored.DatasetUri, CliRegistry.CodeVersion(), runKey: "cli"), cancellationToken);
                runId = run.RunId;
                var version = await registry.RegisterVersionAsync(ManualTraining.Registration(manifest, run.RunId, stored.ModelUri, stored.Folder), cancellationToken);
                var where = run.ExperimentId == ModelRegistry.PostgresExperiment ? "PostgreSQL (MLflow not configured)" : $"PostgreSQL and MLflow experiment {run.ExperimentId}";
                AnsiConsole.MarkupLineInterpolated($"Registered {version.ModelName} version [bold]{version.Version}[/] (run {run.RunId}) in {where}");
                return ExitCodes.Ok;
            });
        }
        catch (Exception exception) when (PublishFailure.Describe(exception, stored, runId) is { } failure)
        {
            await error.WriteLineAsync(failure.Line);
            return failure.ExitCode;
        }
    }

    /// <summary>On a terminal the status line shows the retry; redirected output gets it as a line of its own.</summary>
    private static void ShowRetry(StatusContext status, string version, string retry)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            status.Status($"registering version {version}: {retry}".EscapeMarkup());
        }
        else
        {
            AnsiConsole.WriteLine($"registering version {version}: {retry}");
        }
    }

    /// <summary>
    /// Pages are simulated at the data's own step: a benchmark sampled every 5 minutes (ASD) is scored every 5 minutes, so
    /// its quiet windows resolve episodes as the online job would with that step.
    /// </summary>
    private static TrainingPipelineOptions WithDataStep(TrainingPipelineOptions options, LabeledWindows data) =>
        ValidationScoreGrid.SmallestStep(data) is { } step && step > options.AlertPolicy.WindowStep
            ? options with { AlertPolicy = new AlertPolicyOptions { WindowStep = step } }
            : options;

    /// <summary>Redirected output has no terminal width; Spectre's 80-column fallback would wrap every cell.</summary>
    internal static void WidenRedirectedOutput()
    {
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 200;
        }
    }

    private sealed class SpectreProgress(ProgressTask task) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.Description = value.Phase;
            task.Value = value.Fraction;
        }
    }
}
