using MLOps.Core.Lifecycle;
using MLOps.Workflows;

namespace MLOps.Api.Apis;

/// <summary>A model in the list: its name and, when its lifecycle exists, its status.</summary>
public sealed record ModelSummary(string Name, LifecycleStatus? Status);

/// <summary>One model's lifecycle status, as the workflow's Status query answered it, and its registered versions.</summary>
/// <param name="Versions">Newest first from the MLflow registry; null when MLflow is not configured or did not answer.</param>
/// <param name="VersionsUnavailable">Why <paramref name="Versions"/> is null.</param>
public sealed record ModelDetails(string Name, LifecycleStatus Status, IReadOnlyList<ModelVersionSummary>? Versions, string? VersionsUnavailable);

/// <summary>A registered version: where it came from and its tags (gate results, dataset hash).</summary>
public sealed record ModelVersionSummary(string Version, string RunId, string Status, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Tags);

/// <summary>An accepted command: the policy's reason and the status after it.</summary>
public sealed record ModelCommandResponse(string Name, string Action, string Outcome, LifecycleStatus Status);

/// <summary>A retrain that was started.</summary>
public sealed record RetrainStarted(string Name, string StartedThrough);

/// <summary>The audit timeline; with <c>at</c>, only lines up to then and the champion at that moment.</summary>
public sealed record ModelHistory(string Name, DateTimeOffset? At, string? ChampionAt, IReadOnlyList<LifecycleAuditEntry> Entries);
