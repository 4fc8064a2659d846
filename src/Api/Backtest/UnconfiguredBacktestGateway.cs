using MLOps.Api.Lifecycle;
using MLOps.Core.Backtest;

namespace MLOps.Api.Backtest;

/// <summary>The gateway of an API without <c>Temporal:Address</c>: a backtest is answered 503, as every lifecycle call is.</summary>
public sealed class UnconfiguredBacktestGateway : IBacktestGateway
{
    public Task<BacktestReport> RunAsync(BacktestRequest request, CancellationToken cancellationToken) => throw new TemporalNotConfiguredException();
}
