namespace MLOps.Core.Telemetry;

/// <summary>One measurement of one metric on one host of a service: the unit every ingestion path writes.</summary>
/// <remarks>A series is identified by (service, host, region, environment, metric); at most one value per series and time.</remarks>
public sealed record TelemetrySample(
    DateTimeOffset Time,
    string Service,
    string Host,
    string Region,
    string Environment,
    string Metric,
    double Value);
