using System.Text.Json.Serialization.Metadata;
using MLOps.Ingestion;

namespace MLOps.Api.Apis;

/// <summary>
/// JSON rows need the same fields as CSV rows: a column that is not optional in a kind's CSV format is a required
/// JSON property. Without this a row missing <c>value</c> read as 0 and was stored, and a maintenance window
/// missing <c>end</c> read as year 1 and was refused for being "before 1970".
/// </summary>
internal static class IngestionJsonFields
{
    private static readonly Dictionary<Type, HashSet<string>> Required = new()
    {
        [typeof(MLOps.Core.Telemetry.TelemetrySample)] = RequiredColumns(IngestionKinds.Samples.Csv.Columns, IngestionKinds.Samples.Csv.OptionalColumns),
        [typeof(MLOps.Core.Telemetry.Incident)] = RequiredColumns(IngestionKinds.Incidents.Csv.Columns, IngestionKinds.Incidents.Csv.OptionalColumns),
        [typeof(MLOps.Core.Telemetry.DeployEvent)] = RequiredColumns(IngestionKinds.Deploys.Csv.Columns, IngestionKinds.Deploys.Csv.OptionalColumns),
        [typeof(MLOps.Core.Telemetry.MaintenanceWindow)] = RequiredColumns(IngestionKinds.MaintenanceWindows.Csv.Columns, IngestionKinds.MaintenanceWindows.Csv.OptionalColumns),
    };

    /// <summary>A <see cref="DefaultJsonTypeInfoResolver"/> modifier marking those properties required.</summary>
    public static void RequireCsvColumns(JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!Required.TryGetValue(type.Type, out var required))
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            // A nullable property (an incident's end) may be left out: absent means open, as an empty CSV field does.
            property.IsRequired = required.Contains(property.Name) && Nullable.GetUnderlyingType(property.PropertyType) is null;
        }
    }

    private static HashSet<string> RequiredColumns(IReadOnlyList<string> columns, IReadOnlySet<string> optional) =>
        new(columns.Where(column => !optional.Contains(column)), StringComparer.Ordinal);
}
