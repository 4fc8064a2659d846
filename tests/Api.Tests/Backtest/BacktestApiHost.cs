using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MLOps.Api.Backtest;
using MLOps.Artifacts;
using MLOps.Core.Alerting;
using MLOps.Core.Backtest;
using MLOps.Core.Features;
using MLOps.Modeling.Backtest;
using MLOps.Modeling.Scoring;
using MLOps.Storage.Registry;
using MLOps.Storage.Telemetry;
using MLOps.Testing.Platform;
using Npgsql;

namespace MLOps.Api.Tests.Backtest;

/// <summary>
/// The API over a database holding <see cref="BacktestFleet"/>'s fleet and versions, with the worker's side of a
/// backtest run in-process (what <see cref="Activities"/> would run behind Temporal) instead of through a server.
/// </summary>
public sealed class BacktestApiHost : ApiTestHost
{
    private ModelArtifactStore? _artifacts;

    public BacktestFleet Fleet { get; } = new();

    /// <summary>Skips (fails on CI) without PostgreSQL or S3; seeds the host's database on first use.</summary>
    public async Task RequireAsync()
    {
        Database.Require();
        if (_artifacts is null)
        {
            await using var dataSource = Database.CreateDataSource();
            _artifacts = await Fleet.SeedAsync(dataSource);
        }
    }

    /// <summary>The backtester the in-process gateway runs, over the host's database.</summary>
    public Backtester CreateBacktester(NpgsqlDataSource dataSource) => new(
        new BacktestVersionResolver(new ModelVersionStore(dataSource), new ModelStageStore(dataSource)),
        new TelemetryReader(dataSource),
        _artifacts ?? throw new InvalidOperationException("Call RequireAsync first."),
        FeatureSet.Default,
        Options.Create(new ScoringOptions()),
        Options.Create(new AlertPolicyOptions()));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fleet.DisposeAsync();
    }

    protected override void ConfigureHost(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IBacktestGateway>(provider => new InProcessGateway(this, provider.GetRequiredService<NpgsqlDataSource>())));

    private sealed class InProcessGateway(BacktestApiHost host, NpgsqlDataSource dataSource) : IBacktestGateway
    {
        public async Task<BacktestReport> RunAsync(BacktestRequest request, CancellationToken cancellationToken) =>
            (await host.CreateBacktester(dataSource).RunAsync(request, null, cancellationToken)).Report;
    }
}
