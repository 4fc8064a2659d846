namespace MLOps.Core.Backtest;

/// <summary>
/// A backtest that cannot run as asked: a field is wrong (<see cref="NotFound"/> false) or names a model, version or
/// champion that does not exist (true). Retrying the same request meets the same answer.
/// </summary>
public sealed class BacktestRefusedException(BacktestProblem problem, bool notFound)
    : Exception(problem?.Message), IPermanentFailure
{
    public BacktestProblem Problem { get; } = problem ?? throw new ArgumentNullException(nameof(problem));

    public bool NotFound { get; } = notFound;
}
