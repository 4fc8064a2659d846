namespace MLOps.Core;

/// <summary>
/// Enum values as they appear on the wire and in columns: stage, route and severity names are lower-case words
/// ("champion", "page", "critical") in payloads, labels, rows and requests alike.
/// </summary>
public static class WireName
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
