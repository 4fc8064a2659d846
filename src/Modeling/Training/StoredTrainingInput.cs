using MLOps.Core.Features;
using MLOps.Storage.Telemetry;

namespace MLOps.Modeling.Training;

/// <summary>The training input of some services and a window, from PostgreSQL.</summary>
public static class StoredTrainingInput
{
    /// <summary>Incidents, deploys and maintenance are read up front; samples stream as the featurizer consumes them.</summary>
    public static async Task<TrainingInput> ReadAsync(TelemetryReader reader, IReadOnlyCollection<string> services, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var incidents = await reader.ReadIncidentsAsync(services, from, to, cancellationToken);
        var deploys = await reader.ReadDeploysAsync(services, from, to, cancellationToken);
        var maintenance = await reader.ReadMaintenanceWindowsAsync(services, from, to, cancellationToken);
        // The query orders by service first, which is the grouping the featurizer streams on.
        var samples = reader.ReadSamplesAsync(services, from, to, cancellationToken).ToBlockingEnumerable(cancellationToken);
        return new TrainingInput(samples, incidents, deploys, maintenance, from, to, FeatureSet.Default);
    }
}
