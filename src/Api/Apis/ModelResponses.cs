using MLOps.Api.Registry;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;

namespace MLOps.Api.Apis;

/// <summary>
/// A model in the list: its name and, when its lifecycle exists and answered, its status; <paramref name="Error"/>
/// says why a lifecycle that exists gave no status (one slow model does not take the whole list down with it).
/// </summary>
public sealed record ModelSummary(string Name, LifecycleStatus? Status, string? Error = null);

/// <summary>One model's lifecycle status, as the workflow's Status query answered it, and what the registry holds for it.</summary>
public sealed record ModelDetails(string Name, LifecycleStatus Status, ModelRegistryDetails Registry);

/// <summary>An accepted command: the policy's reason and the status after it.</summary>
public sealed record ModelCommandResponse(string Name, string Action, string Outcome, LifecycleStatus Status);

/// <summary>A version handed to the lifecycle; the lifecycle takes it as its candidate (GET /models/{name} shows it in shadow).</summary>
public sealed record CandidateHandedOver(string Name, string Version, string Lifecycle, string Outcome);

/// <summary>A retrain that was started.</summary>
public sealed record RetrainStarted(string Name, string StartedThrough);

/// <summary>The audit timeline; with <c>at</c>, only lines up to then and the champion at that moment.</summary>
public sealed record ModelHistory(string Name, DateTimeOffset? At, string? ChampionAt, IReadOnlyList<LifecycleAuditEntry> Entries);
