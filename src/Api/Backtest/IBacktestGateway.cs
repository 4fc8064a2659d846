using MLOps.Core.Backtest;

namespace MLOps.Api.Backtest;

/// <summary>
/// Where the API sends a backtest: the worker, through Temporal (the API itself loads no model). A seam so the
/// endpoint is tested without a Temporal server; the Temporal implementation lets Temporal's exceptions through.
/// </summary>
public interface IBacktestGateway
{
    /// <summary>Runs the backtest to the end and returns its table.</summary>
    Task<BacktestReport> RunAsync(BacktestRequest request, CancellationToken cancellationToken);
}
