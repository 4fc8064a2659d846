namespace MLOps.Probe.Tests.Bodies;

/// <summary>One field of an ingestion row, named as JSON and CSV name it.</summary>
/// <param name="Required">Must be present (JSON property, CSV column).</param>
/// <param name="Nullable">May be null or empty (an open incident's end, a deploy without commit).</param>
internal sealed record IngestionField(string Name, FieldKind Kind, bool Required = true, bool Nullable = false)
{
    public bool IsText => Kind is FieldKind.Key or FieldKind.FreeText or FieldKind.Metric;
}

/// <summary>An ingestion endpoint and the fields of its rows, in the documented CSV order.</summary>
internal sealed record IngestionEndpoint(string Path, IReadOnlyList<IngestionField> Fields)
{
    public static IReadOnlyList<IngestionEndpoint> All { get; } =
    [
        new("/telemetry",
        [
            new("time", FieldKind.Timestamp), new("service", FieldKind.Key), new("host", FieldKind.Key),
            new("region", FieldKind.Key, Required: false), new("environment", FieldKind.Key, Required: false),
            new("metric", FieldKind.Metric), new("value", FieldKind.Number),
        ]),
        new("/incidents",
        [
            new("id", FieldKind.Key), new("service", FieldKind.Key), new("start", FieldKind.Timestamp),
            new("end", FieldKind.Timestamp, Nullable: true), new("severity", FieldKind.Key), new("source", FieldKind.Key),
            new("title", FieldKind.FreeText, Required: false),
        ]),
        new("/deploys",
        [
            new("service", FieldKind.Key), new("version", FieldKind.Key),
            new("commit", FieldKind.Key, Required: false, Nullable: true), new("time", FieldKind.Timestamp),
        ]),
        new("/maintenance-windows",
        [
            new("service", FieldKind.Key), new("start", FieldKind.Timestamp), new("end", FieldKind.Timestamp),
            new("reason", FieldKind.FreeText, Required: false),
        ]),
    ];

    /// <summary>Whether rows have a period whose end must not precede its start.</summary>
    public bool HasPeriod => Fields.Any(candidate => candidate.Name == "start") && Fields.Any(candidate => candidate.Name == "end");

    /// <summary>Fields a row cannot do without: leaving one out or nulling it is an error.</summary>
    public IReadOnlyList<IngestionField> RequiredFields => [.. Fields.Where(candidate => candidate.Required && !candidate.Nullable)];
}
