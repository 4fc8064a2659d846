using System.CommandLine;
using System.Text.Json;
using MLOps.Artifacts;
using MLOps.Core.Detection;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary><c>mlops eval</c>: scores a stored model version on a period or a benchmark folder and prints its report.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var source = new TrainingSourceOptions();
        var folder = new Option<string>("--model-folder") { Description = "The version's folder in the artifact store, e.g. models/smd/0123456789abcdef.", Required = true };
        var testOnly = new Option<bool>("--test-only") { Description = "Score only the last 20% of the period (the pipeline's default test part)." };
        var report = new Option<FileInfo?>("--report") { Description = "Write the report as JSON to this file." };
        var command = new Command("eval", "Score a stored model version and print its report; a tampered or schema-mismatched model is refused.")
        {
            folder, testOnly, report,
        };
        source.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var (input, connection) = await source.LoadAsync(parseResult, cancellationToken);
            await using var _ = connection;
            var data = TrainingPipeline.Prepare(input, new TrainingPipelineOptions(), cancellationToken: cancellationToken);
            try
            {
                var (manifest, evaluation) = await new ModelEvaluator(CliArtifactStore.Create())
                    .EvaluateAsync(parseResult.GetRequiredValue(folder), data, input.Incidents, parseResult.GetValue(testOnly) ? SplitPart.Test : null, cancellationToken);
                TrainCommand.WidenRedirectedOutput();
                AnsiConsole.Write(ReportTable.Render($"{manifest.ModelName} {manifest.Version}", [(manifest.HyperParameters[DetectorKind.ManifestKey], evaluation)]));
                if (parseResult.GetValue(report) is { } file)
                {
                    await File.WriteAllBytesAsync(file.FullName, JsonSerializer.SerializeToUtf8Bytes(evaluation, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }), cancellationToken);
                }

                return 0;
            }
            catch (ArtifactException refused)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]Refused: {refused.Message}[/]");
                return 1;
            }
        });
        return command;
    }
}
