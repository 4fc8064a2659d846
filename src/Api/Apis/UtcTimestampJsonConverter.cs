using System.Text.Json;
using System.Text.Json.Serialization;
using MLOps.Core.Telemetry.Validation;
using MLOps.Ingestion.Csv;

namespace MLOps.Api.Apis;

/// <summary>
/// Reads timestamps as the CSV path does: ISO 8601, UTC when no offset is given. The default converter
/// would take an offset-less time as the server's local time, which depends on where the API runs.
/// </summary>
internal sealed class UtcTimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null && TimestampText.TryParse(text, out var time)
            ? time
            : throw new JsonException($"{ValueExcerpt.Quote(text)} is not a timestamp (ISO 8601 expected, e.g. 2026-01-31T12:00:00Z)");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUniversalTime());
    }
}
