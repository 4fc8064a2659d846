namespace MLOps.Api.Lifecycle;

/// <summary>
/// The models this deployment runs (section <c>Lifecycle</c>, the worker's retrain schedules): read so
/// <c>GET /models</c> lists a model before its first audit line exists.
/// </summary>
public sealed class ModelCatalogOptions
{
    public const string Section = "Lifecycle";

    public IList<ConfiguredModel> Models { get; } = [];
}

/// <summary>One configured model; the worker's schedule fields beyond the name are not the API's concern.</summary>
public sealed class ConfiguredModel
{
    public string Name { get; set; } = string.Empty;
}
