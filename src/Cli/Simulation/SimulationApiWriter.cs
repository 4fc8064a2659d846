using MLOps.Cli.OnCall;
using MLOps.Core.Simulation;

namespace MLOps.Cli.Simulation;

/// <summary>
/// Sends a simulated fleet through the ingestion API, as a real fleet's collectors would: telemetry in
/// JSON batches as it is generated, then incidents, deploys and maintenance windows. Replays are
/// harmless (the API stores each sample once), so a failed run can simply be repeated.
/// </summary>
internal static class SimulationApiWriter
{
    /// <summary>Well under the API's default batch limit (Ingestion:MaxBatchRows, 100,000).</summary>
    public const int BatchRows = 20_000;

    /// <summary>Null when everything was accepted; otherwise the first refusal, with its problem+json.</summary>
    public static async Task<ApiAnswer?> PostAsync(OnCallApiClient client, FleetSimulator simulator, CancellationToken cancellationToken)
    {
        foreach (var batch in simulator.Telemetry().Chunk(BatchRows))
        {
            if (await client.PostAsync("/telemetry", batch, cancellationToken) is { IsSuccess: false } refused)
            {
                return refused;
            }
        }

        (string Path, object Rows, int Count)[] labels =
        [
            ("/incidents", simulator.Incidents, simulator.Incidents.Count),
            ("/deploys", simulator.Deploys, simulator.Deploys.Count),
            ("/maintenance-windows", simulator.Maintenance, simulator.Maintenance.Count),
        ];
        foreach (var (path, rows, count) in labels)
        {
            if (count > 0 && await client.PostAsync(path, rows, cancellationToken) is { IsSuccess: false } refused)
            {
                return refused;
            }
        }

        return null;
    }
}
