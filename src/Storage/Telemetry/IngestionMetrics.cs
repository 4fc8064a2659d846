using Prometheus;

namespace MLOps.Storage.Telemetry;

/// <summary>Rows the store took in, by table: the freshness dashboard's ingestion rate.</summary>
internal static class IngestionMetrics
{
    public static Counter IngestedRows { get; } = Metrics.CreateCounter(
        "mlops_ingested_rows_total", "Rows newly stored by ingestion (duplicates of a replayed batch are not counted).", "kind");
}
