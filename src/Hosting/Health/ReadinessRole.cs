namespace MLOps.Hosting.Health;

/// <summary>
/// A readiness endpoint and the checks that decide it. A load balancer in front of one role (ingestion) must not
/// pull it because a dependency only another role needs (Temporal, S3) is down; those checks are still reported,
/// to callers allowed to see details, but do not fail this role.
/// </summary>
/// <param name="Path">The endpoint, e.g. <c>/readyz</c> or <c>/readyz/lifecycle</c>.</param>
/// <param name="Required">Names of the checks that must be healthy; null: every readiness check.</param>
public sealed record ReadinessRole(string Path, IReadOnlySet<string>? Required)
{
    public bool Requires(string check) => Required is null || Required.Contains(check);
}
