using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MLOps.Artifacts;
using MLOps.Cli.Backtest;
using MLOps.Core.Alerting;
using MLOps.Core.Backtest;
using MLOps.Core.Features;
using MLOps.Modeling.Backtest;
using MLOps.Modeling.Scoring;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;
using Spectre.Console;

namespace MLOps.Cli.Commands;

/// <summary>
/// <c>mlops backtest</c>: what a stored version (and, when asked, the champion) would have paged over a past period
/// of stored telemetry, shift by shift. The alert policy and scoring settings are the services' own
/// (<c>Alerting__Policy__*</c>, <c>Scoring__*</c> from the environment), so the replay decides as the online job would.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model to backtest.", Required = true };
        var version = new Option<string?>("--version") { Description = "The version (default: the candidate: the version on shadow, else secondary, else the newest registered)." };
        var againstChampion = new Option<bool>("--against-champion") { Description = "Replay the model's champion over the same period, side by side." };
        var from = new Option<DateTimeOffset>("--from") { Description = "Start of the period (inclusive), e.g. 2026-01-05T00:00Z.", Required = true };
        var to = new Option<DateTimeOffset>("--to") { Description = "End of the period (exclusive); at most 31 days after --from.", Required = true };
        var chart = new Option<FileInfo?>("--chart") { Description = "Also draw the backtest into this PNG file." };
        var connection = StoreConnection.CreateOption();
        var command = new Command("backtest", "Replay stored versions over stored telemetry through the alert policy and print what on-call would have been paged, shift by shift.")
        {
            model, version, againstChampion, from, to, chart, connection,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var request = new BacktestRequest(
                parseResult.GetRequiredValue(model), parseResult.GetValue(version), parseResult.GetValue(againstChampion), parseResult.GetRequiredValue(from), parseResult.GetRequiredValue(to));
            await using var dataSource = StoreConnection.CreateDataSource(parseResult.GetRequiredValue(connection));
            var backtester = Create(dataSource, CliArtifactStore.Create());
            BacktestRun run;
            try
            {
                run = await ConsoleBacktestProgress.RunAsync(stderr, interactive: !Console.IsErrorRedirected && stderr == Console.Error, progress => backtester.RunAsync(request, progress, cancellationToken));
            }
            catch (BacktestRefusedException refused)
            {
                stderr.WriteLine($"--{Flag(refused.Problem.Field)}: {refused.Problem.Message}");
                return refused.NotFound ? 1 : UsageExitCode.Usage;
            }
            catch (ArtifactException refused)
            {
                stderr.WriteLine($"Refused: {refused.Message}");
                return 1;
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
            console.Profile.Width = 240;
            console.Write(BacktestTableView.Shifts(run.Report));
            foreach (var line in BacktestTableView.Summary(run.Report))
            {
                stdout.WriteLine(line);
            }

            if (parseResult.GetValue(chart) is { } file)
            {
                var (width, height) = BacktestChart.Save(BacktestChart.Build(run), file.FullName);
                stdout.WriteLine($"Chart ({width}x{height}, shifts and {run.Traces.Count} busiest services) written to {file.FullName}");
            }

            return 0;
        });
        return command;
    }

    /// <summary>The backtester over this database and artifact store, with the services' alert policy and scoring settings.</summary>
    internal static Backtester Create(Npgsql.NpgsqlDataSource dataSource, ModelArtifactStore artifacts)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var policy = configuration.GetSection(AlertPolicyOptions.SectionName).Get<AlertPolicyOptions>() ?? new AlertPolicyOptions();
        policy.Validate();
        var scoring = configuration.GetSection(ScoringOptions.SectionName).Get<ScoringOptions>() ?? new ScoringOptions();
        return new Backtester(
            new BacktestVersionResolver(new ModelVersionStore(dataSource), new ModelStageStore(dataSource)),
            new TelemetryReader(dataSource),
            artifacts,
            FeatureSet.Default,
            Options.Create(scoring),
            Options.Create(policy));
    }

    private static string Flag(string field) => field == "againstChampion" ? "against-champion" : field;
}
