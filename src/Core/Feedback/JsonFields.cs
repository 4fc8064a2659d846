using System.Text.Json;

namespace MLOps.Core.Feedback;

/// <summary>Lenient reads of optional JSON fields: a missing field, a null and a value of the wrong kind all read as absent.</summary>
internal static class JsonFields
{
    public static string? String(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement? Object(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    public static Uri? HttpsUri(this JsonElement element, string name) =>
        Uri.TryCreate(element.String(name), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;
}
