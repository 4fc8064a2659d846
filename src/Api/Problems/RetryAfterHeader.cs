using System.Globalization;

namespace MLOps.Api.Problems;

/// <summary>The Retry-After value of a wait: whole seconds, rounded up, at least 1.</summary>
public static class RetryAfterHeader
{
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
