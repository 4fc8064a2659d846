namespace MLOps.Probe.Tests.Bodies;

/// <summary>What a field holds, which decides its valid values and the ways it can be broken.</summary>
internal enum FieldKind
{
    /// <summary>Indexed text: service, host, id, version.</summary>
    Key,

    /// <summary>Unindexed text: title, reason.</summary>
    FreeText,

    Timestamp,

    Number,

    /// <summary>A Prometheus metric name.</summary>
    Metric,
}
