using System.CommandLine;
using MLOps.Cli.Commands;
using MLOps.Core.Simulation;
using MLOps.Testing;

namespace MLOps.Cli.Tests.Commands;

public sealed class SimulateToPostgresTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [SkippableFact]
    public async Task Simulate_ToPostgres_StoresEverySampleAndLabelOnceEvenWhenRepeated()
    {
        var connection = database.Require();
        string[] args = ["simulate", "--services", "2", "--hosts", "2", "--days", "1", "--seed", "5", "--to-postgres", "--connection-string", connection];
        var expected = new FleetSimulator(new FleetSimulationOptions { Services = 2, HostsPerService = 2, Days = 1, Seed = 5 });

        Assert.Equal(0, await RunAsync(args));
        Assert.Equal(0, await RunAsync(args));

        Assert.Equal(expected.Telemetry().LongCount(), await CountAsync("SELECT count(*) FROM telemetry_samples"));
        Assert.Equal(expected.Incidents.Count, await CountAsync("SELECT count(*) FROM incidents"));
        Assert.Equal(expected.Deploys.Count, await CountAsync("SELECT count(*) FROM deploy_events"));
    }

    [Fact]
    public async Task Simulate_BothOrNoDestination_IsAUsageError()
    {
        Assert.NotEqual(0, await RunAsync("simulate", "--days", "1"));
        Assert.NotEqual(0, await RunAsync("simulate", "--days", "1", "--out", Path.GetTempPath(), "--to-postgres"));
    }

    private static Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.AddSimulateCommand();
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var dataSource = database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
