using MLOps.Core.Feedback;
using MLOps.Core.Lifecycle;
using MLOps.Core.Paging;

namespace MLOps.Hosting.Lifecycle;

/// <summary>
/// The lifecycle policy as flat configuration (<c>Lifecycle:Policy</c>); anything left out keeps the
/// default of <see cref="LifecyclePolicyOptions.Default"/>. It applies when a model's lifecycle
/// workflow starts; a running lifecycle keeps the policy it was started with.
/// </summary>
public sealed class LifecyclePolicySettings
{
    private static readonly LifecyclePolicyOptions Defaults = LifecyclePolicyOptions.Default;

    public TimeSpan ShadowSoak { get; set; } = Defaults.Shadow.MinimumSoak;

    public bool ShadowRequiresApproval { get; set; } = Defaults.Shadow.RequiresApproval;

    public TimeSpan SecondarySoak { get; set; } = Defaults.Secondary.MinimumSoak;

    public bool SecondaryRequiresApproval { get; set; } = Defaults.Secondary.RequiresApproval;

    /// <summary>Applies to both stages: candidate PR-AUC minus champion PR-AUC must reach it.</summary>
    public double PrAucDeltaFloor { get; set; } = Defaults.Shadow.Floors.PrAucDeltaFloor;

    public double IncidentRecallDeltaFloor { get; set; } = Defaults.Shadow.Floors.IncidentRecallDeltaFloor;

    public double AlertVolumeRatioCeiling { get; set; } = Defaults.Shadow.Floors.AlertVolumeRatioCeiling;

    public TimeSpan ProbationDuration { get; set; } = Defaults.Probation.Duration;

    public double ProbationAlertVolumeRatioCeiling { get; set; } = Defaults.Probation.AlertVolumeRatioCeiling;

    public double ProbationPrecisionFloor { get; set; } = Defaults.Probation.PrecisionFloor;

    public int ProbationMinimumAlerts { get; set; } = Defaults.Probation.MinimumAlerts;

    public int MaxPreviousChampions { get; set; } = Defaults.MaxPreviousChampions;

    /// <summary>
    /// Absolute page-level floors (pages per shift within <see cref="PagesPerShift"/>, incident recall at least
    /// <see cref="MinimumIncidentRecall"/>) in the offline gate, the shadow and secondary gates and the probation
    /// guardrail, with or without a champion. On by default; off leaves only the relative floors.
    /// </summary>
    public bool PageFloors { get; set; } = true;

    /// <summary>Pager budget of the page floors: pages per 12 h shift per owner (the SRE book's two).</summary>
    public int PagesPerShift { get; set; } = Core.Paging.PageFloors.Default.Budget.PagesPerShift;

    public double MinimumIncidentRecall { get; set; } = Core.Paging.PageFloors.Default.MinimumIncidentRecall;

    /// <summary>An on-call promote over failing (or not yet judged) gates needs an override reason, audited as an override.</summary>
    public bool RequireOverrideForFailingGates { get; set; } = true;

    /// <summary>The page floors these settings ask for, or null when they are off.</summary>
    public PageFloors? ToPageFloors() => PageFloors
        ? Core.Paging.PageFloors.Default with { Budget = Core.Paging.PageFloors.Default.Budget with { PagesPerShift = PagesPerShift }, MinimumIncidentRecall = MinimumIncidentRecall }
        : null;

    /// <summary>
    /// Whether the probation guardrail (and the secondary precision floor, when set) may judge precision on on-call's
    /// verdicts (see <see cref="ProbationMinimumVerdicts"/>). Named for the guardrail, which used verdicts first.
    /// </summary>
    public bool ProbationVerdictPrecision { get; set; } = true;

    /// <summary>Actionable plus false-alarm verdicts a report needs before its verdict-based precision is used, by both.</summary>
    public int ProbationMinimumVerdicts { get; set; } = VerdictPrecisionOptions.Default.MinimumVerdicts;

    /// <summary>
    /// Precision a candidate's secondary-stage alerts must reach before it leaves secondary (verdict-based when enough
    /// verdicts exist, incident-matched otherwise; the gate's reason says which). Unset: the secondary gate judges no
    /// precision.
    /// </summary>
    public double? SecondaryPrecisionFloor { get; set; }

    public LifecyclePolicyOptions ToOptions()
    {
        var floors = new MetricFloors(PrAucDeltaFloor, IncidentRecallDeltaFloor, AlertVolumeRatioCeiling);
        return new LifecyclePolicyOptions(
            new StageGate(ShadowSoak, floors, ShadowRequiresApproval),
            new StageGate(SecondarySoak, floors, SecondaryRequiresApproval),
            new ProbationGuardrail(ProbationDuration, ProbationAlertVolumeRatioCeiling, ProbationPrecisionFloor, ProbationMinimumAlerts),
            MaxPreviousChampions)
        {
            PageFloors = ToPageFloors(),
            RequireOverrideForFailingGates = RequireOverrideForFailingGates,
            VerdictPrecision = ProbationVerdictPrecision ? new VerdictPrecisionOptions(ProbationMinimumVerdicts) : null,
            SecondaryPrecisionFloor = SecondaryPrecisionFloor,
        };
    }
}
