using System.Text.Json.Serialization;
using MLOps.Core;

namespace MLOps.Api.Registry;

/// <summary>
/// What the platform's registry says about one model. <see cref="Available"/> false means the versions could not
/// be read; <see cref="Error"/> names why (a fixed code for scripts) and <see cref="Reason"/> says it for people.
/// </summary>
public sealed record ModelRegistryDetails(
    bool Available,
    string? Error,
    string? Reason,
    int MaxVersions,
    IReadOnlyList<RegisteredVersionDetails> Versions)
{
    public static ModelRegistryDetails Unavailable(string error, string reason, int maxVersions) =>
        new(false, error, reason, maxVersions, []);
}

/// <summary>The fixed values of <see cref="ModelRegistryDetails.Error"/>.</summary>
public static class ModelRegistryErrors
{
    /// <summary>PostgreSQL, which holds the registry, did not answer.</summary>
    public const string DatabaseUnavailable = "postgres_unavailable";
}

/// <summary>
/// One registered version with the test metrics of its training. <see cref="Stage"/> is the lifecycle stage it
/// holds (<c>shadow</c>, <c>secondary</c>, <c>champion</c>), null when it holds none; <see cref="Aliases"/> are the
/// MLflow aliases that stage gives it.
/// </summary>
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
    VersionLinks Links);
