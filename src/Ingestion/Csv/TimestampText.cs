using System.Globalization;

namespace MLOps.Ingestion.Csv;

/// <summary>Timestamps in text inputs: ISO 8601; without an offset they are taken as UTC, the only zone telemetry should use.</summary>
public static class TimestampText
{
    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
