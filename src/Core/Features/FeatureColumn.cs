namespace MLOps.Core.Features;

/// <summary>One column of a feature matrix: its name, what it computes, from which metric, over which window.</summary>
/// <param name="Name">The column name models and data views see.</param>
/// <param name="Kind">The computation.</param>
/// <param name="Metric">The base metric, or null for context features (deploys, maintenance, calendar, error ratio).</param>
/// <param name="WindowMinutes">The rolling window length, or 0 when the column has no window.</param>
public sealed record FeatureColumn(string Name, FeatureKind Kind, string? Metric, int WindowMinutes)
{
    /// <summary>Every column is a 32-bit float, the type ML.NET trainers take; recorded in the schema hash all the same.</summary>
    public string TypeName => "float32";
}
