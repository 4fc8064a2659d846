using MLOps.Core.Lifecycle;

namespace MLOps.Core.Tests.Lifecycle;

/// <summary>Named starting states and reports for the lifecycle tests.</summary>
internal static class LifecycleScenarios
{
    public const string Model = "latency-anomaly";

    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly LifecyclePolicy Policy = new(LifecyclePolicyOptions.Default);

    public static LifecycleState Empty => LifecycleState.Empty(Model);

    /// <summary>A first champion, never replaced: nothing to roll back to.</summary>
    public static LifecycleState ChampionOnly => Empty with { ChampionVersion = "1" };

    public static LifecycleState ChampionWithHistory => Empty with { ChampionVersion = "2", PreviousChampions = ["1"] };

    public static LifecycleState InShadow => ChampionWithHistory with { Candidate = Candidate("3", ModelStage.Shadow) };

    public static LifecycleState InSecondary => ChampionWithHistory with { Candidate = Candidate("3", ModelStage.Secondary) };

    /// <summary>Version 2 was just crowned over 1 and is under watch.</summary>
    public static LifecycleState InProbation => ChampionWithHistory with
    {
        Probation = new ProbationState("2", "1", T0, T0 + LifecyclePolicyOptions.Default.Probation.Duration),
    };

    public static CandidateState Candidate(string version, ModelStage stage) => new(version, "run-" + version, stage, T0, T0, null, null, null);

    public static LifecycleState Named(string name) => name switch
    {
        nameof(Empty) => Empty,
        nameof(ChampionOnly) => ChampionOnly,
        nameof(ChampionWithHistory) => ChampionWithHistory,
        nameof(InShadow) => InShadow,
        nameof(InSecondary) => InSecondary,
        nameof(InProbation) => InProbation,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public static ShadowMetrics Metrics(string version, double prAuc = 0.6, int caught = 2, int total = 2, int alerts = 10, double precision = 0.5) =>
        new(version, prAuc, 0.9, caught, total, alerts, precision, 9);

    /// <summary>A report on the state's subject: the candidate against the champion, or the probation champion against its predecessor.</summary>
    public static ShadowReport ReportFor(LifecycleState state, ShadowMetrics? subject = null, ShadowMetrics? baseline = null)
    {
        var (subjectVersion, baselineVersion) = state switch
        {
            { Candidate: { } candidate } => (candidate.Version, state.ChampionVersion),
            { Probation: { } probation } => (probation.Version, probation.PreviousChampion),
            _ => ("9", state.ChampionVersion),
        };
        return new ShadowReport(
            Model,
            T0,
            T0.AddDays(1),
            subject ?? Metrics(subjectVersion, prAuc: 0.7, alerts: 7),
            baselineVersion is null ? null : baseline ?? Metrics(baselineVersion));
    }

    /// <summary>A refusal changes nothing and says exactly why.</summary>
    public static void AssertRefused(Decision decision, string reason)
    {
        Assert.False(decision.Accepted);
        Assert.Equal(reason, decision.Reason);
        Assert.Empty(decision.Events);
    }

    public static LifecycleCommand Command(string name, LifecycleState state) => name switch
    {
        nameof(CandidateRegistered) => new CandidateRegistered("7", "run-7", "retrain", "offline gates passed"),
        nameof(Promote) => new Promote("alice", "looks good"),
        nameof(Approve) => new Approve("alice", "read the Slack alerts"),
        nameof(Reject) => new Reject("alice", "too noisy"),
        nameof(Rollback) => new Rollback("bob", "paging storm"),
        nameof(EvaluateGates) => new EvaluateGates(ReportFor(state)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
