using System.Globalization;

namespace MLOps.Core.Backtest;

/// <summary>
/// What to replay: a model's version (the candidate when <see cref="Version"/> is null) and, when asked, its champion,
/// over the half-open period [<see cref="From"/>, <see cref="To"/>) of stored telemetry.
/// </summary>
public sealed record BacktestRequest(string Model, string? Version, bool AgainstChampion, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// The longest period one backtest replays. A month of a 200-service fleet takes about a minute on two cores
    /// (docs/benchmarks.md); the bound keeps one request from holding a worker for hours.
    /// </summary>
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(31);

    /// <summary>Every problem with the request, each naming its field as the CLI and the API spell it; empty when usable.</summary>
    public IReadOnlyList<BacktestProblem> Validate()
    {
        var problems = new List<BacktestProblem>();
        if (string.IsNullOrWhiteSpace(Model))
        {
            problems.Add(new BacktestProblem("model", "A model name is required."));
        }

        if (Version is not null && string.IsNullOrWhiteSpace(Version))
        {
            problems.Add(new BacktestProblem("version", "The version must not be blank; leave it out to backtest the candidate."));
        }

        if (To <= From)
        {
            problems.Add(new BacktestProblem("to", Format($"The period is empty: to ({To:O}) must be after from ({From:O}).")));
        }
        else if (To - From > MaxPeriod)
        {
            problems.Add(new BacktestProblem("to", Format($"The period from {From:O} to {To:O} is {(To - From).TotalDays:0.##} days; a backtest covers at most {MaxPeriod.TotalDays:0} days. Split it into shorter periods.")));
        }

        if (From.Ticks % TimeSpan.TicksPerMinute != 0 || To.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            problems.Add(new BacktestProblem(From.Ticks % TimeSpan.TicksPerMinute != 0 ? "from" : "to", "Scores are per minute: from and to must be whole minutes."));
        }

        return problems;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
