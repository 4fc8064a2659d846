using System.Globalization;

namespace MLOps.Notifications;

/// <summary>Time as the receiving APIs want it: RFC 3339 in UTC, or epoch milliseconds for Grafana.</summary>
internal static class JsonTimestamp
{
    public static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static long UnixMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
