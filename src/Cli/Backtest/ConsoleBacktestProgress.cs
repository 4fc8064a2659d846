using System.Globalization;
using MLOps.Modeling.Backtest;
using Spectre.Console;

namespace MLOps.Cli.Backtest;

/// <summary>
/// Progress of a backtest on standard error, so standard output holds only the table: a live bar when standard
/// error is a terminal, otherwise a plain line at every tenth of a phase (logs stay short and readable).
/// </summary>
internal static class ConsoleBacktestProgress
{
    public static async Task<T> RunAsync<T>(TextWriter error, bool interactive, Func<IProgress<BacktestProgress>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!interactive)
        {
            return await work(new PlainLines(error));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => await work(new Bars(context)));
    }

    /// <summary>Reports on the caller's thread, in order (see TrainCommand's progress for why not <see cref="Progress{T}"/>).</summary>
    private sealed class Bars(ProgressContext context) : IProgress<BacktestProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void Report(BacktestProgress value)
        {
            if (!_tasks.TryGetValue(value.Phase, out var task))
            {
                task = context.AddTask(Markup.Escape(value.Phase), maxValue: Math.Max(1, value.Total));
                _tasks.Add(value.Phase, task);
            }

            task.Value = value.Done;
        }
    }

    private sealed class PlainLines(TextWriter error) : IProgress<BacktestProgress>
    {
        private readonly Dictionary<string, int> _lastTenth = new(StringComparer.Ordinal);

        public void Report(BacktestProgress value)
        {
            var tenth = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            if (_lastTenth.TryGetValue(value.Phase, out var last) && last == tenth)
            {
                return;
            }

            _lastTenth[value.Phase] = tenth;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Phase}: {value.Done}/{value.Total}"));
        }
    }
}
