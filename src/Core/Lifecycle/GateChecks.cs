using System.Globalization;
using MLOps.Core.Feedback;
using MLOps.Core.Paging;

namespace MLOps.Core.Lifecycle;

/// <summary>The metric checks behind the stage gates and the probation guardrail; pure functions of a report.</summary>
public static class GateChecks
{
    /// <summary>Every floor the candidate misses on this report; empty when it clears them all.</summary>
    public static IReadOnlyList<string> MetricFloorFailures(MetricFloors floors, ShadowReport report)
    {
        ArgumentNullException.ThrowIfNull(floors);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Champion is not { } champion)
        {
            // With no champion there is nothing to be relative to; soak and approval still apply.
            return [];
        }

        var candidate = report.Candidate;
        var failures = new List<string>();
        var prAucDelta = candidate.PrAuc - champion.PrAuc;
        if (prAucDelta < floors.PrAucDeltaFloor)
        {
            failures.Add(Format($"PR-AUC delta {prAucDelta:+0.000;-0.000;0.000} is below the floor {floors.PrAucDeltaFloor:0.000}"));
        }

        if (candidate.IncidentRecall() is { } candidateRecall && champion.IncidentRecall() is { } championRecall
            && candidateRecall - championRecall < floors.IncidentRecallDeltaFloor)
        {
            failures.Add(Format($"incident recall {candidateRecall:0.00} vs champion {championRecall:0.00} is below the floor delta {floors.IncidentRecallDeltaFloor:0.00}"));
        }

        var alertRatio = AlertRatio(candidate.Alerts, champion.Alerts);
        if (alertRatio > floors.AlertVolumeRatioCeiling)
        {
            failures.Add(Format($"alert volume {candidate.Alerts} is {alertRatio:0.00}x the champion's {champion.Alerts}, above the ceiling {floors.AlertVolumeRatioCeiling:0.00}x"));
        }

        return failures;
    }

    /// <summary>Why the guardrail trips on this probation report, or null when the new champion behaves.</summary>
    /// <param name="verdictPrecision">Null judges precision on incident matching only, as before verdicts existed.</param>
    public static string? ProbationTrip(ProbationGuardrail guardrail, ShadowReport report, VerdictPrecisionOptions? verdictPrecision = null)
    {
        ArgumentNullException.ThrowIfNull(guardrail);
        ArgumentNullException.ThrowIfNull(report);
        var champion = report.Candidate;
        if (champion.Alerts < guardrail.MinimumAlerts)
        {
            return null;
        }

        if (report.Champion is { } previous && AlertRatio(champion.Alerts, previous.Alerts) > guardrail.AlertVolumeRatioCeiling)
        {
            return Format($"alert storm: {champion.Alerts} alerts is {AlertRatio(champion.Alerts, previous.Alerts):0.0}x the previous champion's {previous.Alerts}, above {guardrail.AlertVolumeRatioCeiling:0.0}x");
        }

        if (verdictPrecision is null)
        {
            return champion.Precision < guardrail.PrecisionFloor
                ? Format($"precision collapse: {champion.Precision:0.00} is below the floor {guardrail.PrecisionFloor:0.00}")
                : null;
        }

        var precision = SubjectPrecision(report, verdictPrecision);
        return precision.Precision < guardrail.PrecisionFloor
            ? Format($"precision collapse: {precision.Describe()} is below the floor {guardrail.PrecisionFloor:0.00}")
            : null;
    }

    /// <summary>
    /// The precision a gate judges the report's subject (the candidate, or the champion on probation) by: its verdicts
    /// when enough exist, else the incident-matched precision of the report; incident matching only when
    /// <paramref name="verdictPrecision"/> is null.
    /// </summary>
    public static GatePrecision SubjectPrecision(ShadowReport report, VerdictPrecisionOptions? verdictPrecision)
    {
        ArgumentNullException.ThrowIfNull(report);
        var subject = report.Candidate;
        return verdictPrecision is null
            ? GatePrecision.IncidentMatchedOnly(subject.Feedback ?? NoFeedback, subject.Precision)
            : GatePrecision.Choose(subject.Feedback ?? NoFeedback, subject.Precision, verdictPrecision);
    }

    /// <summary>
    /// The secondary gate's precision floor on this report: a failure when the candidate's precision is below it, else a
    /// note saying what it was judged on. Both empty when the gate judges no precision: no floor set, another stage, or
    /// no alerts in the window (nothing to be imprecise about).
    /// </summary>
    public static (IReadOnlyList<string> Failures, IReadOnlyList<string> Notes) SecondaryPrecisionCheck(LifecyclePolicyOptions options, ModelStage stage, ShadowReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        if (options.SecondaryPrecisionFloor is not { } floor || stage != ModelStage.Secondary || report.Candidate.Alerts == 0)
        {
            return ([], []);
        }

        var precision = SubjectPrecision(report, options.VerdictPrecision);
        var judged = precision.Describe();
        return precision.Precision < floor
            ? ([Format($"{judged} is below the secondary floor {floor:0.00}")], [])
            : ([], [judged]);
    }

    private static readonly FeedbackSummary NoFeedback = FeedbackMeasures.Measure([], [], []);

    /// <summary>The absolute page floors on the report's subject (the candidate, or the champion on probation); a champion is not needed.</summary>
    public static PageFloorVerdict PageFloorCheck(PageFloors floors, ShadowReport report)
    {
        ArgumentNullException.ThrowIfNull(floors);
        ArgumentNullException.ThrowIfNull(report);
        return floors.Check(report.Candidate.Pages);
    }

    /// <summary>
    /// Why a champion on probation misses its page floors, or null when it clears them. Floors that cannot be judged
    /// (no page-level figures) do not trip: a rollback needs evidence, not its absence.
    /// </summary>
    public static string? ProbationPageTrip(PageFloors floors, ShadowReport report)
    {
        var verdict = PageFloorCheck(floors, report);
        return verdict.Failures.Count == 0 ? null : $"page floors missed: {string.Join("; ", verdict.Failures)}";
    }

    /// <summary>
    /// What keeps a candidate from passing its stage's gates on <paramref name="latest"/>: the relative floors, the page
    /// floors and the secondary precision floor when set, floors that cannot be judged, or no report at all. Empty when a promotion needs no override.
    /// </summary>
    public static IReadOnlyList<string> PromotionBlockers(LifecyclePolicyOptions options, ModelStage stage, ShadowReport? latest)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (latest is null)
        {
            return ["no shadow report has judged it in this stage yet"];
        }

        var blockers = MetricFloorFailures(options.GateFor(stage).Floors, latest).ToList();
        if (options.PageFloors is { } floors)
        {
            var pages = PageFloorCheck(floors, latest);
            blockers.AddRange(pages.Judged ? pages.Failures : pages.Notes);
        }

        blockers.AddRange(SecondaryPrecisionCheck(options, stage, latest).Failures);
        return blockers;
    }

    // A silent champion would make any alert an infinite ratio; one alert is the smallest meaningful baseline.
    private static double AlertRatio(int alerts, int baselineAlerts) => (double)alerts / Math.Max(baselineAlerts, 1);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
