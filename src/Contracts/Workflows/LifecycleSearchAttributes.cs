using Temporalio.Common;

namespace MLOps.Contracts.Workflows;

/// <summary>
/// Custom search attributes that make the Temporal UI the audit view of every model
/// (for example <c>MlopsModel = "latency-anomaly" AND MlopsStage = "Secondary"</c>).
/// The worker registers them at start where the server allows it.
/// </summary>
public static class LifecycleSearchAttributes
{
    public static SearchAttributeKey<string> Model { get; } = SearchAttributeKey.CreateKeyword("MlopsModel");

    public static SearchAttributeKey<string> ChampionVersion { get; } = SearchAttributeKey.CreateKeyword("MlopsChampionVersion");

    public static SearchAttributeKey<string> CandidateVersion { get; } = SearchAttributeKey.CreateKeyword("MlopsCandidateVersion");

    public static SearchAttributeKey<string> Stage { get; } = SearchAttributeKey.CreateKeyword("MlopsStage");

    public static IReadOnlyList<SearchAttributeKey<string>> All { get; } = [Model, ChampionVersion, CandidateVersion, Stage];
}
