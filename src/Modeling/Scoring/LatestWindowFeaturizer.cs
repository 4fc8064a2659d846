using Microsoft.Extensions.Options;
using MLOps.Core.Features;
using MLOps.Core.Telemetry;
using MLOps.Storage.Telemetry;

namespace MLOps.Modeling.Scoring;

/// <summary>
/// Featurizes the newest window of every service with the same featurizer training uses (no
/// train/serve skew), reading only the lookback the rolling features need, and applies training's
/// <see cref="MissingValues"/> policy, so a model sees the same numbers it was trained on. Read-only, one short
/// query per batch of services, so ingestion is never held up.
/// </summary>
public sealed class LatestWindowFeaturizer(TelemetryReader reader, FeatureSet featureSet, IOptions<ScoringOptions> options)
{
    private readonly FleetFeaturizer _featurizer = new(featureSet);

    public async Task<LatestWindowFeatures> FeaturizeAsync(
        IReadOnlyList<ServiceInfo> services,
        DateTimeOffset windowEnd,
        IReadOnlyList<DeployEvent> deploys,
        IReadOnlyList<MaintenanceWindow> maintenance,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = options.Value;
        var endMinute = MinuteGrid.MinuteOf(windowEnd);
        var lookbackMinutes = (int)Math.Ceiling(settings.Lookback.TotalMinutes);
        // One grid for all services, ending at the scored minute, so every service's last row is that minute.
        var grid = new MinuteGrid(endMinute - lookbackMinutes, lookbackMinutes + 1);
        var width = featureSet.Columns.Count;
        var scored = new List<string>(services.Count);
        var rows = new List<float>(services.Count * width);
        foreach (var batch in services.Select(service => service.Name).Chunk(settings.ServiceBatchSize))
        {
            var samples = new List<TelemetrySample>();
            await foreach (var sample in reader.ReadSamplesAsync(batch, grid.Start, MinuteGrid.TimeOf(endMinute + 1), cancellationToken))
            {
                samples.Add(sample);
            }

            foreach (var matrix in _featurizer.Featurize(samples, deploys, maintenance, grid))
            {
                scored.Add(matrix.Service);
                rows.AddRange(matrix.Row(matrix.RowCount - 1));
            }
        }

        float[] block = [.. rows];
        MissingValues.ReplaceInPlace(block);
        return new LatestWindowFeatures(MinuteGrid.TimeOf(endMinute), scored, block, width);
    }
}
