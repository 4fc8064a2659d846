using MLOps.Core.Feedback;
using MLOps.Core.Paging;

namespace MLOps.Core.Lifecycle;

/// <summary>How strict the lifecycle is for one model. Travels in workflow input, so plain records only.</summary>
/// <param name="MaxPreviousChampions">Depth of the rollback stack; older champions fall off.</param>
public sealed record LifecyclePolicyOptions(StageGate Shadow, StageGate Secondary, ProbationGuardrail Probation, int MaxPreviousChampions)
{
    /// <summary>The behaviour described in the design: a day in shadow, two in secondary with approval, a day of probation.</summary>
    public static LifecyclePolicyOptions Default { get; } = new(
        Shadow: new StageGate(TimeSpan.FromHours(24), new MetricFloors(PrAucDeltaFloor: 0.0, IncidentRecallDeltaFloor: 0.0, AlertVolumeRatioCeiling: 1.2), RequiresApproval: false),
        Secondary: new StageGate(TimeSpan.FromHours(48), new MetricFloors(PrAucDeltaFloor: 0.0, IncidentRecallDeltaFloor: 0.0, AlertVolumeRatioCeiling: 1.2), RequiresApproval: true),
        Probation: new ProbationGuardrail(TimeSpan.FromHours(24), AlertVolumeRatioCeiling: 3.0, PrecisionFloor: 0.2, MinimumAlerts: 5),
        MaxPreviousChampions: 5)
    {
        VerdictPrecision = VerdictPrecisionOptions.Default,
    };

    /// <summary>
    /// Absolute page-level floors for the shadow and secondary gates and the probation guardrail, with or without a
    /// champion. Null (the default, and what workflow inputs recorded before these floors existed deserialize to)
    /// keeps every decision exactly as it was, so recorded histories replay unchanged.
    /// </summary>
    public PageFloors? PageFloors { get; init; }

    /// <summary>
    /// When on, <see cref="Promote"/> refuses a candidate whose latest report fails its stage's gates (or that no report
    /// has judged yet) unless the command carries an override reason, and audits the override. Off by default for the
    /// same replay reason as <see cref="PageFloors"/>.
    /// </summary>
    public bool RequireOverrideForFailingGates { get; init; }

    /// <summary>
    /// When set, the probation guardrail judges precision on on-call's verdicts once a report carries at least
    /// <see cref="VerdictPrecisionOptions.MinimumVerdicts"/> of them (<see cref="GatePrecision"/>), and on incident matching
    /// otherwise. Null (the default, and what inputs recorded before verdicts existed deserialize to) keeps every decision
    /// as it was; the workflow also asks a patch marker before the first verdict-based decision.
    /// </summary>
    public VerdictPrecisionOptions? VerdictPrecision { get; init; }

    /// <summary>
    /// The precision a candidate's alerts must reach before it leaves secondary, where on-call sees them in chat and
    /// marks them: judged on those verdicts once a report carries <see cref="VerdictPrecisionOptions.MinimumVerdicts"/>
    /// of them, on incident matching otherwise (and always when <see cref="VerdictPrecision"/> is null). Null (the
    /// default, and what inputs recorded before this floor existed deserialize to) leaves the secondary gate as it was.
    /// </summary>
    public double? SecondaryPrecisionFloor { get; init; }

    public StageGate GateFor(ModelStage stage) => stage switch
    {
        ModelStage.Shadow => Shadow,
        ModelStage.Secondary => Secondary,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Only shadow and secondary have gates; champion has probation."),
    };

    /// <summary>Every problem with these options, for start-up validation; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, gate) in new[] { (nameof(Shadow), Shadow), (nameof(Secondary), Secondary) })
        {
            if (gate.MinimumSoak < TimeSpan.Zero)
            {
                problems.Add($"{name}.MinimumSoak must not be negative.");
            }

            if (gate.Floors.AlertVolumeRatioCeiling <= 0)
            {
                problems.Add($"{name}.Floors.AlertVolumeRatioCeiling must be positive.");
            }
        }

        if (Probation.Duration < TimeSpan.Zero)
        {
            problems.Add("Probation.Duration must not be negative.");
        }

        if (Probation.AlertVolumeRatioCeiling <= 0)
        {
            problems.Add("Probation.AlertVolumeRatioCeiling must be positive.");
        }

        if (Probation.PrecisionFloor is < 0 or > 1)
        {
            problems.Add("Probation.PrecisionFloor must be between 0 and 1.");
        }

        if (PageFloors is { } floors)
        {
            problems.AddRange(floors.Validate());
        }

        if (MaxPreviousChampions < 1)
        {
            problems.Add("MaxPreviousChampions must be at least 1, or rollback has nothing to go back to.");
        }

        if (SecondaryPrecisionFloor is < 0 or > 1)
        {
            problems.Add("SecondaryPrecisionFloor must be between 0 and 1.");
        }

        if (VerdictPrecision is { } verdictPrecision)
        {
            problems.AddRange(verdictPrecision.Validate().Select(problem => $"VerdictPrecision.{problem}"));
        }

        return problems;
    }
}

/// <summary>What a candidate must show before it leaves a stage.</summary>
public sealed record StageGate(TimeSpan MinimumSoak, MetricFloors Floors, bool RequiresApproval);

/// <summary>
/// Floors relative to the champion on the same window: candidate PR-AUC minus champion PR-AUC, candidate
/// incident recall minus champion recall, and candidate alerts over champion alerts.
/// </summary>
public sealed record MetricFloors(double PrAucDeltaFloor, double IncidentRecallDeltaFloor, double AlertVolumeRatioCeiling);

/// <summary>
/// Automatic rollback after a promotion to champion: an alert storm (more than the ceiling times the
/// previous champion's alerts) or a precision collapse. Below <see cref="MinimumAlerts"/> alerts neither
/// signal is trusted, so a quiet hour cannot trip it.
/// </summary>
public sealed record ProbationGuardrail(TimeSpan Duration, double AlertVolumeRatioCeiling, double PrecisionFloor, int MinimumAlerts);
