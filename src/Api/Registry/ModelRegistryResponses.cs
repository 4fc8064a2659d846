using System.Text.Json.Serialization;
using MLOps.Core.Lifecycle;

namespace MLOps.Api.Registry;

/// <summary>
/// What the registry says about one model: MLflow's when it is configured, else the platform's own in
/// PostgreSQL (<see cref="Origin"/>). <see cref="Available"/> false means the versions could not be read;
/// <see cref="Error"/> names why (a fixed code for scripts) and <see cref="Reason"/> says it for people.
/// </summary>
public sealed record ModelRegistryDetails(
    bool Available,
    string? Error,
    string? Reason,
    int MaxVersions,
    IReadOnlyList<RegisteredVersionDetails> Versions)
{
    /// <summary>Which registry answered: <c>mlflow</c> or <c>postgres</c>.</summary>
    public string Origin { get; init; } = ModelRegistryOrigins.Mlflow;

    public static ModelRegistryDetails Unavailable(string error, string reason, int maxVersions) =>
        new(false, error, reason, maxVersions, []);
}

/// <summary>The values of <see cref="ModelRegistryDetails.Origin"/>.</summary>
public static class ModelRegistryOrigins
{
    public const string Mlflow = "mlflow";

    public const string Postgres = "postgres";
}

/// <summary>The fixed values of <see cref="ModelRegistryDetails.Error"/>.</summary>
public static class ModelRegistryErrors
{
    /// <summary>Without MLflow the registry is PostgreSQL, and it did not answer.</summary>
    public const string DatabaseUnavailable = "postgres_unavailable";

    /// <summary>No answer in time, or 429/5xx after the client's retries: try again later.</summary>
    public const string Unavailable = "mlflow_unavailable";

    /// <summary>The configured credentials are refused (401/403).</summary>
    public const string PermissionDenied = "mlflow_permission_denied";

    /// <summary>Something answered that is not MLflow's API (wrong <c>Mlflow:TrackingUri</c>, a proxy page).</summary>
    public const string BadEndpoint = "mlflow_bad_endpoint";

    /// <summary>Any other MLflow error; <see cref="ModelRegistryDetails.Reason"/> carries its message.</summary>
    public const string Failed = "mlflow_error";
}

/// <summary>
/// One registered version with the latest value of each metric its training run logged.
/// <see cref="Stage"/> is the lifecycle stage its aliases give it (<c>shadow</c>, <c>secondary</c>,
/// <c>champion</c>), null when it holds none.
/// </summary>
/// <param name="MetricsUnavailable">Why <see cref="Metrics"/> is empty although a run is named (the run was deleted).</param>
public sealed record RegisteredVersionDetails(
    string Version,
    string RunId,
    IReadOnlyList<string> Aliases,
    ModelStage? Stage,
    DateTimeOffset CreatedAt,
    string Status,
    string Source,
    IReadOnlyDictionary<string, string> Tags,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] IReadOnlyDictionary<string, double> Metrics,
    string? MetricsUnavailable);
