using System.ComponentModel.DataAnnotations;

namespace MLOps.Api.Apis;

/// <summary>
/// How many lifecycle commands one API key may send per window (section <c>RateLimiting:Mutations</c>).
/// A runaway script cannot flood the lifecycle with updates; a human never comes near the limit.
/// </summary>
public sealed class MutationRateLimitOptions
{
    public const string Section = "RateLimiting:Mutations";

    [Range(1, 100_000)]
    public int PermitLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
