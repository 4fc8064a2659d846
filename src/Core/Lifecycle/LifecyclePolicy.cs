using System.Globalization;
using MLOps.Core.Feedback;

namespace MLOps.Core.Lifecycle;

/// <summary>
/// The lifecycle of one model as a pure state machine: which transitions are legal, what the gates
/// say, when to roll back. The workflow only feeds it commands and the current time and carries out
/// the events it returns.
/// </summary>
public sealed class LifecyclePolicy(LifecyclePolicyOptions options)
{
    /// <summary>Actor recorded when the policy moves a candidate on its own after the gates pass.</summary>
    public const string GateActor = "lifecycle-gates";

    /// <summary>Actor recorded when the probation guardrail rolls back.</summary>
    public const string GuardrailActor = "probation-guardrail";

    public LifecyclePolicyOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public Decision Decide(LifecycleState state, LifecycleCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        return command switch
        {
            CandidateRegistered registered => Register(state, registered, now),
            Promote promote => PromoteCandidate(state, promote, now),
            Approve approve => ApproveStage(state, approve),
            Reject reject => RejectCandidate(state, reject),
            Rollback rollback => RollBack(state, rollback.Actor, rollback.Reason, now),
            EvaluateGates evaluate => Evaluate(state, evaluate, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown lifecycle command."),
        };
    }

    private static Decision Register(LifecycleState state, CandidateRegistered command, DateTimeOffset now)
    {
        if (MissingActorOrReason(command.Actor, command.Reason) is { } missing)
        {
            return Decision.Rejected(state, missing);
        }

        if (string.IsNullOrWhiteSpace(command.Version))
        {
            return Decision.Rejected(state, "a candidate needs a version");
        }

        if (command.Version == state.ChampionVersion)
        {
            return Decision.Rejected(state, $"version {command.Version} is already the champion");
        }

        if (state.Candidate is { } existing)
        {
            // Nightly retrains must not reset a candidate that is days into its soak; the next night tries again.
            return Decision.Rejected(state, existing.Version == command.Version
                ? $"version {command.Version} is already the candidate"
                : $"candidate {existing.Version} is still in {existing.Stage}; reject or promote it before registering {command.Version}");
        }

        var candidate = new CandidateState(command.Version, command.RunId, ModelStage.Shadow, now, now, null, null, null);
        return Decision.Accept(
            state with { Candidate = candidate },
            $"version {command.Version} entered shadow",
            new AliasMoved(command.Version, ModelStage.Shadow, command.Actor, command.Reason),
            new Audit(AuditAction.CandidateRegistered, command.Actor, command.Reason, command.Version, ModelStage.Shadow),
            new Notify(NotificationSeverity.Info, $"version {command.Version} entered shadow ({command.Reason})"));
    }

    private Decision PromoteCandidate(LifecycleState state, Promote command, DateTimeOffset now)
    {
        if (CheckHumanCommand(state, command.Actor, command.Reason, command.ExpectedVersion) is { } refusal)
        {
            return Decision.Rejected(state, refusal);
        }

        var candidate = state.Candidate!;
        var target = command.TargetStage ?? Next(candidate.Stage);
        if (target <= candidate.Stage)
        {
            return Decision.Rejected(state, $"candidate {candidate.Version} is already in {candidate.Stage}; promotion only moves forward, to {Next(candidate.Stage)}");
        }

        string? overridden = null;
        if (Options.RequireOverrideForFailingGates
            && GateChecks.PromotionBlockers(Options, candidate.Stage, candidate.LatestReport) is { Count: > 0 } blockers)
        {
            overridden = string.Join("; ", blockers);
            if (string.IsNullOrWhiteSpace(command.OverrideReason))
            {
                return Decision.Rejected(
                    state,
                    $"{candidate.Version} does not pass the {candidate.Stage} gates: {overridden}; promoting it anyway needs an override reason");
            }
        }

        // Skipping a stage is an override worth calling out in the audit trail, not just a promotion.
        var skipped = target != Next(candidate.Stage);
        var reason = skipped ? $"{command.Reason} (skipped {Next(candidate.Stage)})" : command.Reason;
        var decision = target == ModelStage.Champion
            ? Crown(state, candidate, command.Actor, reason, now)
            : MoveToStage(state, candidate, target, command.Actor, reason, now);
        if (overridden is null)
        {
            return decision;
        }

        var why = $"{command.OverrideReason} (overrode: {overridden})";
        return decision with
        {
            Reason = $"{decision.Reason}; gates overridden by {command.Actor}: {why}",
            Events =
            [
                .. decision.Events,
                new Audit(AuditAction.GatesOverridden, command.Actor, why, candidate.Version, target),
                new Notify(NotificationSeverity.Warning, $"{command.Actor} promoted {candidate.Version} to {target} over failing {candidate.Stage} gates: {why}"),
            ],
        };
    }

    private Decision ApproveStage(LifecycleState state, Approve command)
    {
        if (CheckHumanCommand(state, command.Actor, command.Reason, command.ExpectedVersion) is { } refusal)
        {
            return Decision.Rejected(state, refusal);
        }

        var candidate = state.Candidate!;
        if (!Options.GateFor(candidate.Stage).RequiresApproval)
        {
            return Decision.Rejected(state, $"{candidate.Stage} needs no approval; use promote to move {candidate.Version} on early");
        }

        if (candidate.ApprovedBy is { } approver)
        {
            return Decision.Rejected(state, $"{candidate.Stage} for {candidate.Version} was already approved by {approver}");
        }

        return Decision.Accept(
            state with { Candidate = candidate with { ApprovedBy = command.Actor } },
            $"{candidate.Stage} approved for {candidate.Version} by {command.Actor}",
            new Audit(AuditAction.Approved, command.Actor, command.Reason, candidate.Version, candidate.Stage));
    }

    private static Decision RejectCandidate(LifecycleState state, Reject command)
    {
        if (CheckHumanCommand(state, command.Actor, command.Reason, command.ExpectedVersion) is { } refusal)
        {
            return Decision.Rejected(state, refusal);
        }

        var candidate = state.Candidate!;
        return Decision.Accept(
            state with { Candidate = null },
            $"candidate {candidate.Version} rejected in {candidate.Stage} by {command.Actor}",
            new StageCleared(candidate.Version, candidate.Stage, command.Actor, command.Reason),
            new Audit(AuditAction.Rejected, command.Actor, command.Reason, candidate.Version, candidate.Stage),
            new Notify(NotificationSeverity.Warning, $"candidate {candidate.Version} rejected in {candidate.Stage} by {command.Actor} ({command.Reason})"));
    }

    private Decision RollBack(LifecycleState state, string actor, string reason, DateTimeOffset now)
    {
        if (MissingActorOrReason(actor, reason) is { } missing)
        {
            return Decision.Rejected(state, missing);
        }

        if (state.ChampionVersion is not { } current)
        {
            return Decision.Rejected(state, "there is no champion to roll back");
        }

        if (state.PreviousChampions.Count == 0)
        {
            return Decision.Rejected(state, $"champion {current} has no previous champion to roll back to");
        }

        var restored = state.PreviousChampions[0];

        // A candidate in flight was measured against the champion that just left: its soak starts over.
        var candidate = state.Candidate?.EnterStage(state.Candidate.Stage, now);
        var next = state with
        {
            ChampionVersion = restored,
            PreviousChampions = state.PreviousChampions.Skip(1).ToArray(),
            Candidate = candidate,
            Probation = null,
        };
        return Decision.Accept(
            next,
            $"champion rolled back from {current} to {restored}",
            new AliasMoved(restored, ModelStage.Champion, actor, reason),
            new Audit(AuditAction.RolledBack, actor, reason, current, ModelStage.Champion),
            new Notify(NotificationSeverity.Warning, $"champion rolled back from {current} to {restored} by {actor} ({reason})", new StageChange(restored, ModelStage.Champion, reason, current)));
    }

    private Decision Evaluate(LifecycleState state, EvaluateGates command, DateTimeOffset now)
    {
        var report = command.Report;
        ArgumentNullException.ThrowIfNull(report);
        var version = report.Candidate.Version;
        if (state.Candidate is { } candidate && candidate.Version == version)
        {
            return report.Champion is null && state.ChampionVersion is { } champion && command.HoldWhenChampionSilent
                ? HoldForSilentChampion(state, candidate, report, champion)
                : EvaluateStage(state, candidate, report, now);
        }

        if (state.Probation is { } probation && probation.Version == version)
        {
            return EvaluateProbation(state, probation, report, command.UseVerdictPrecision ? Options.VerdictPrecision : null, now);
        }

        return Decision.Rejected(state, $"version {version} is neither the candidate nor a champion on probation");
    }

    /// <summary>
    /// The champion has no scores in the window (not scoring: a version the registry does not know, a model that failed
    /// to load), so nothing can be compared. The candidate neither passes nor fails: it holds, and on-call hears of it
    /// once, with what to check, instead of the gates waiting silently forever.
    /// </summary>
    private static Decision HoldForSilentChampion(LifecycleState state, CandidateState candidate, ShadowReport report, string champion)
    {
        var why = $"champion {champion} has no scores in [{Stamp(report.WindowStart)}, {Stamp(report.WindowEnd)}), so {candidate.Version} cannot be compared with it and holds in {candidate.Stage}: "
            + $"check that {champion} is scoring (mlops_model_info, the scoring job's log), or promote {candidate.Version} with an override reason";
        var next = state with { Candidate = candidate with { LatestReport = report } };
        return candidate.LatestReport is { Champion: null }
            ? Decision.Accept(next, why)
            : Decision.Accept(next, why, new Notify(NotificationSeverity.Warning, why));
    }

    private Decision EvaluateStage(LifecycleState state, CandidateState candidate, ShadowReport report, DateTimeOffset now)
    {
        if (report.Champion?.Version != state.ChampionVersion)
        {
            return Decision.Rejected(state, $"report compares against {report.Champion?.Version ?? "no champion"} but the champion is {state.ChampionVersion ?? "none"}");
        }

        var gate = Options.GateFor(candidate.Stage);
        var withReport = candidate with { LatestReport = report };
        var soakEnds = candidate.StageEnteredAt + gate.MinimumSoak;
        if (now < soakEnds)
        {
            return Decision.Accept(state with { Candidate = withReport }, $"{candidate.Version} soaking in {candidate.Stage} until {Stamp(soakEnds)}");
        }

        var pages = Options.PageFloors is { } floors ? GateChecks.PageFloorCheck(floors, report) : null;
        var precision = GateChecks.SecondaryPrecisionCheck(Options, candidate.Stage, report);
        IReadOnlyList<string> failures = [.. GateChecks.MetricFloorFailures(gate.Floors, report), .. pages?.Failures ?? [], .. precision.Failures];
        if (failures.Count > 0)
        {
            var why = $"{candidate.Stage} gates failed for {candidate.Version}: {string.Join("; ", failures)}";
            return Decision.Accept(
                state with { Candidate = null },
                why,
                new StageCleared(candidate.Version, candidate.Stage, GateActor, why),
                new Audit(AuditAction.GatesFailed, GateActor, why, candidate.Version, candidate.Stage),
                new Notify(NotificationSeverity.Warning, why));
        }

        // Floors that cannot be judged neither pass nor fail: the candidate waits for a report that has the figures.
        if (pages is { Judged: false })
        {
            return Decision.Accept(state with { Candidate = withReport }, $"{candidate.Version} holds in {candidate.Stage}: {string.Join("; ", pages.Notes)}");
        }

        IReadOnlyList<string> judged = [.. pages?.Notes ?? [], .. precision.Notes];
        var notes = judged.Count > 0 ? $" ({string.Join("; ", judged)})" : string.Empty;
        if (gate.RequiresApproval && candidate.ApprovedBy is null)
        {
            var waiting = $"{candidate.Version} passed the {candidate.Stage} gates{notes} and awaits approval";

            // Tell people once, when the wait begins, not on every tick while it lasts.
            return candidate.GatesPassedAt is null
                ? Decision.Accept(
                    state with { Candidate = withReport with { GatesPassedAt = now } },
                    waiting,
                    new Notify(NotificationSeverity.Info, waiting))
                : Decision.Accept(state with { Candidate = withReport }, waiting);
        }

        var reason = candidate.ApprovedBy is { } approver
            ? $"{candidate.Stage} gates passed{notes}, approved by {approver}"
            : $"{candidate.Stage} gates passed{notes}";
        var target = Next(candidate.Stage);
        return target == ModelStage.Champion
            ? Crown(state, candidate, GateActor, reason, now)
            : MoveToStage(state, candidate, target, GateActor, reason, now);
    }

    private Decision EvaluateProbation(LifecycleState state, ProbationState probation, ShadowReport report, VerdictPrecisionOptions? verdictPrecision, DateTimeOffset now)
    {
        if (report.Champion?.Version != probation.PreviousChampion)
        {
            return Decision.Rejected(state, $"probation report compares against {report.Champion?.Version ?? "no champion"} but the previous champion is {probation.PreviousChampion}");
        }

        if (GateChecks.ProbationTrip(Options.Probation, report, verdictPrecision) is { } trip)
        {
            return RollBack(state, GuardrailActor, trip, now);
        }

        if (Options.PageFloors is { } floors && GateChecks.ProbationPageTrip(floors, report) is { } pageTrip)
        {
            return RollBack(state, GuardrailActor, pageTrip, now);
        }

        if (now < probation.EndsAt)
        {
            // Which precision the guardrail judged on is said whenever verdicts could have been used.
            var basis = verdictPrecision is null ? string.Empty : $" ({GateChecks.SubjectPrecision(report, verdictPrecision).Describe()})";
            return Decision.Accept(state, $"{probation.Version} on probation until {Stamp(probation.EndsAt)}; guardrail holds{basis}");
        }

        var passed = $"{probation.Version} passed probation";
        return Decision.Accept(
            state with { Probation = null },
            passed,
            new Audit(AuditAction.ProbationPassed, GuardrailActor, passed, probation.Version, ModelStage.Champion),
            new Notify(NotificationSeverity.Info, passed));
    }

    private static Decision MoveToStage(LifecycleState state, CandidateState candidate, ModelStage target, string actor, string reason, DateTimeOffset now) =>
        Decision.Accept(
            state with { Candidate = candidate.EnterStage(target, now) },
            $"{candidate.Version} promoted from {candidate.Stage} to {target}: {reason}",
            new AliasMoved(candidate.Version, target, actor, reason),
            new Audit(AuditAction.Promoted, actor, reason, candidate.Version, target),
            new Notify(NotificationSeverity.Info, $"{candidate.Version} promoted to {target} by {actor} ({reason})", new StageChange(candidate.Version, target, reason)));

    private Decision Crown(LifecycleState state, CandidateState candidate, string actor, string reason, DateTimeOffset now)
    {
        var previous = state.ChampionVersion;
        var stack = previous is null
            ? state.PreviousChampions
            : new[] { previous }.Concat(state.PreviousChampions).Take(Options.MaxPreviousChampions).ToArray();

        // Probation needs somewhere to roll back to; the first champion of a model has none.
        var probation = previous is null ? null : new ProbationState(candidate.Version, previous, now, now + Options.Probation.Duration);
        var next = state with { ChampionVersion = candidate.Version, PreviousChampions = stack, Candidate = null, Probation = probation };
        return Decision.Accept(
            next,
            $"{candidate.Version} promoted from {candidate.Stage} to champion: {reason}",
            new AliasMoved(candidate.Version, ModelStage.Champion, actor, reason),
            new Audit(AuditAction.Promoted, actor, reason, candidate.Version, ModelStage.Champion),
            new Notify(NotificationSeverity.Warning, $"{candidate.Version} is now champion (was {previous ?? "none"}), by {actor} ({reason})", new StageChange(candidate.Version, ModelStage.Champion, reason)));
    }

    private static string? CheckHumanCommand(LifecycleState state, string actor, string reason, string? expectedVersion)
    {
        if (MissingActorOrReason(actor, reason) is { } missing)
        {
            return missing;
        }

        if (state.Candidate is not { } candidate)
        {
            return $"{state.ModelName} has no candidate";
        }

        return expectedVersion is not null && expectedVersion != candidate.Version
            ? $"the candidate is {candidate.Version}, not {expectedVersion}"
            : null;
    }

    private static string? MissingActorOrReason(string actor, string reason) =>
        string.IsNullOrWhiteSpace(actor) ? "an actor is required"
        : string.IsNullOrWhiteSpace(reason) ? "a reason is required"
        : null;

    private static ModelStage Next(ModelStage stage) => stage == ModelStage.Shadow ? ModelStage.Secondary : ModelStage.Champion;

    private static string Stamp(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);
}
