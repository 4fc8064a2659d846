using MLOps.Core;
using MLOps.Core.Lifecycle;

namespace MLOps.Testing;

/// <summary>Audit lines as the lifecycle workflow writes them, one run per model.</summary>
public static class AuditEntries
{
    public static LifecycleAuditEntry Of(string model, AuditAction action, string? version, ModelStage? stage, DateTimeOffset at) =>
        new(model, action, "oncall-alice", $"{action} for the test", version, stage, at, $"lifecycle/{model}", $"run-of-{model}");
}
