using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// How MLflow's REST API spells JSON: snake_case names, empty/default fields omitted (so every
/// collection on the wire models defaults to empty), non-finite metric values as the strings
/// <c>"NaN"</c>, <c>"Infinity"</c>, <c>"-Infinity"</c>, enums in UPPER_SNAKE_CASE.
/// </summary>
public static class MlflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Named literals make NaN/Infinity travel as strings both ways; reading from strings also
        // accepts int64 fields that a proxy or an older server renders as decimal strings.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads an MLflow answer; an empty body means "all fields omitted", the same as <c>{}</c>.</summary>
    public static T Deserialize<T>(string? content)
        where T : new() =>
        string.IsNullOrWhiteSpace(content) ? new T() : JsonSerializer.Deserialize<T>(content, Options) ?? new T();
}
