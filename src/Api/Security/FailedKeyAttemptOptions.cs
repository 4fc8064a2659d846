using System.ComponentModel.DataAnnotations;

namespace MLOps.Api.Security;

/// <summary>
/// How many failed key attempts one client address may make per window (section <c>RateLimiting:FailedKeys</c>)
/// before its requests are refused with 429 without a database lookup: guessing keys costs the database nothing
/// past the limit. A client that mistyped its key a few times is far below it.
/// </summary>
public sealed class FailedKeyAttemptOptions
{
    public const string Section = "RateLimiting:FailedKeys";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
