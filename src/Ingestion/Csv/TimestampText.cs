using System.Globalization;

namespace MLOps.Ingestion.Csv;

/// <summary>Timestamps in text inputs: ISO 8601; without an offset they are taken as UTC, the only zone telemetry should use.</summary>
public static class TimestampText
{
    /// <remarks>
    /// .NET's parser ignores trailing NUL characters ("2026-01-31T12:00:00Z\0" parses), so text with any control
    /// character is refused first: what is stored must be what was sent.
    /// </remarks>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(text);
        time = default;
        return !text.Any(char.IsControl)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
