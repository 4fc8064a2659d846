using MLOps.Core.Alerting;

namespace MLOps.Core.Paging;

/// <summary>What the alert policy decided in one replayed pass, as the online job would have recorded it.</summary>
public sealed record ReplayedPass(DateTimeOffset EvaluatedAt, IReadOnlyList<AlertDecision> Decisions);
