using MLOps.Hosting.Health;

namespace MLOps.Api.Health;

/// <summary>
/// What each role of the API needs to serve. Ingestion, keys, history and the dashboard need PostgreSQL only, so
/// <c>/readyz</c> (what a load balancer in front of the whole API probes) and <c>/readyz/ingestion</c> fail only when
/// it is down; lifecycle commands also need Temporal. S3 and MLflow are reported but never make the API unready:
/// the API only links to them.
/// </summary>
internal static class ApiReadinessRoles
{
    public static IReadOnlyList<ReadinessRole> All { get; } =
    [
        new("/readyz", new HashSet<string> { "postgresql" }),
        new("/readyz/ingestion", new HashSet<string> { "postgresql" }),
        new("/readyz/lifecycle", new HashSet<string> { "postgresql", "temporal" }),
    ];
}
