using MLOps.Core.Telemetry;

namespace MLOps.Core.Features;

/// <summary>
/// Featurizes a fleet one service at a time from a sample stream grouped by service (the order a
/// <c>ORDER BY service</c> query or the simulator produces), so only one service's frame and matrix are
/// in memory at once, however large the fleet.
/// </summary>
public sealed class FleetFeaturizer(FeatureSet featureSet)
{
    private readonly Featurizer _featurizer = new(featureSet);

    public FeatureSet FeatureSet => _featurizer.FeatureSet;

    /// <summary>
    /// Yields each service's matrix as soon as its last sample has been read. Each service's grid runs from its
    /// first to its last sample's minute unless <paramref name="grid"/> fixes one grid for all.
    /// </summary>
    /// <exception cref="InvalidOperationException">A service's samples are not contiguous in the stream.</exception>
    public IEnumerable<FeatureMatrix> Featurize(
        IEnumerable<TelemetrySample> samplesGroupedByService,
        IEnumerable<DeployEvent> deploys,
        IEnumerable<MaintenanceWindow> maintenance,
        MinuteGrid? grid = null)
    {
        ArgumentNullException.ThrowIfNull(samplesGroupedByService);
        ArgumentNullException.ThrowIfNull(deploys);
        ArgumentNullException.ThrowIfNull(maintenance);
        return Stream(samplesGroupedByService, deploys.ToLookup(d => d.Service, StringComparer.Ordinal),
            maintenance.ToLookup(m => m.Service, StringComparer.Ordinal), grid);
    }

    private IEnumerable<FeatureMatrix> Stream(
        IEnumerable<TelemetrySample> samples,
        ILookup<string, DeployEvent> deploys,
        ILookup<string, MaintenanceWindow> maintenance,
        MinuteGrid? grid)
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        ServiceFrameBuilder? builder = null;
        foreach (var sample in samples)
        {
            if (builder is null)
            {
                builder = new ServiceFrameBuilder(sample.Service);
            }
            else if (!string.Equals(sample.Service, builder.Service, StringComparison.Ordinal))
            {
                yield return Finish(builder, deploys, maintenance, grid);
                finished.Add(builder.Service);
                if (finished.Contains(sample.Service))
                {
                    throw new InvalidOperationException(
                        $"Samples of service '{sample.Service}' appear again after other services: the stream must be grouped by service.");
                }

                builder.Clear(sample.Service);
            }

            builder.Add(sample);
        }

        if (builder is not null)
        {
            yield return Finish(builder, deploys, maintenance, grid);
        }
    }

    private FeatureMatrix Finish(
        ServiceFrameBuilder builder,
        ILookup<string, DeployEvent> deploys,
        ILookup<string, MaintenanceWindow> maintenance,
        MinuteGrid? grid) =>
        _featurizer.Featurize(builder.Build(grid), new ServiceEvents(deploys[builder.Service], maintenance[builder.Service]));
}
