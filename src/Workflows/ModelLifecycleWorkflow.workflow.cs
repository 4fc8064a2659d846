using System.Globalization;
using Microsoft.Extensions.Logging;
using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using MLOps.Core.Tracking;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace MLOps.Workflows;

/// <summary>
/// The life of one model, forever: holds champion, previous champions, candidate and stage, and drives
/// <see cref="LifecyclePolicy"/>. Two loops run side by side: one soaks the candidate through shadow
/// and secondary (a <see cref="ShadowEvaluationWorkflow"/> child per stage), one watches a new champion
/// on probation. On-call commands arrive as validated updates; a refused command never reaches history.
/// </summary>
[Workflow(WorkflowNames.ModelLifecycle)]
public sealed class ModelLifecycleWorkflow
{
    /// <summary>The patch that made a rejected or failed candidate give up its stage.</summary>
    public const string ClearDroppedCandidateStagePatch = "clear-dropped-candidate-stage";

    /// <summary>Added after release: before it, a report without the champion's figures was refused round after round.</summary>
    public const string HoldWhenChampionSilentPatch = "hold-when-champion-silent";

    /// <summary>Added after release: before it, the probation guardrail judged precision on incident matching only.</summary>
    public const string VerdictPrecisionPatch = "probation-verdict-precision";

    private readonly ModelLifecycleInput _input;
    private readonly LifecyclePolicy _policy;

    // Decisions are taken synchronously, so they never interleave; their effects (activities) are
    // awaited, and the mutex keeps alias moves, audit lines and notifications in decision order.
    private readonly Temporalio.Workflows.Mutex _effects = new();

    private LifecycleState _state;
    private string _lastDecision = "started";
    private (string? Champion, string? Candidate, string Stage)? _published;
    private bool _rollingOver;

    [WorkflowInit]
    public ModelLifecycleWorkflow(ModelLifecycleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        _policy = new LifecyclePolicy(input.Policy);
        _state = input.State ?? LifecycleState.Empty(input.ModelName);
    }

    [WorkflowQuery("Status")]
    public LifecycleStatus Status => new(_state, _state.StageLabel(), _lastDecision);

    [WorkflowRun]
    public async Task RunAsync(ModelLifecycleInput input)
    {
        Publish();
        var candidateLoop = CandidateLoopAsync();
        var probationLoop = ProbationLoopAsync();
        var rollover = Workflow.WaitConditionAsync(ShouldContinueAsNew);

        // A loop only finishes early by throwing; awaiting it surfaces that failure.
        await await Workflow.WhenAnyAsync(candidateLoop, probationLoop, rollover);

        _rollingOver = true;
        await Workflow.WhenAllAsync(candidateLoop, probationLoop);
        await Workflow.WaitConditionAsync(() => Workflow.AllHandlersFinished);
        Workflow.Logger.LogInformation("Continuing {Model} as new after {Events} history events", _state.ModelName, Workflow.CurrentHistoryLength);
        var next = input with { State = _state };
        throw Workflow.CreateContinueAsNewException((ModelLifecycleWorkflow workflow) => workflow.RunAsync(next));
    }

    [WorkflowSignal(WorkflowNames.CandidateRegisteredSignal)]
    public async Task CandidateRegisteredAsync(CandidateRegistered registration)
    {
        var decision = await ApplyAsync(registration);
        if (!decision.Accepted)
        {
            // A signal has no caller to answer, so a declined version is written to the audit trail instead.
            await CarryOutAsync([new Audit(AuditAction.CandidateDeclined, registration.Actor, decision.Reason, registration.Version, null)], Workflow.UtcNow);
        }
    }

    [WorkflowUpdateValidator(nameof(PromoteAsync))]
    public void ValidatePromote(Promote request) => Validate(request);

    [WorkflowUpdate("Promote")]
    public Task<LifecycleCommandResult> PromoteAsync(Promote request) => HandleAsync(request);

    [WorkflowUpdateValidator(nameof(ApproveAsync))]
    public void ValidateApprove(Approve request) => Validate(request);

    [WorkflowUpdate("Approve")]
    public Task<LifecycleCommandResult> ApproveAsync(Approve request) => HandleAsync(request);

    [WorkflowUpdateValidator(nameof(RejectAsync))]
    public void ValidateReject(Reject request) => Validate(request);

    [WorkflowUpdate("Reject")]
    public Task<LifecycleCommandResult> RejectAsync(Reject request) => HandleAsync(request);

    [WorkflowUpdateValidator(nameof(RollbackAsync))]
    public void ValidateRollback(Rollback request) => Validate(request);

    [WorkflowUpdate("Rollback")]
    public Task<LifecycleCommandResult> RollbackAsync(Rollback request) => HandleAsync(request);

    private void Validate(LifecycleCommand command)
    {
        var decision = _policy.Decide(_state, command, Workflow.UtcNow);
        if (!decision.Accepted)
        {
            throw new ApplicationFailureException(decision.Reason, errorType: "LifecycleCommandRejected", nonRetryable: true);
        }
    }

    private async Task<LifecycleCommandResult> HandleAsync(LifecycleCommand command)
    {
        var decision = await ApplyAsync(command);
        return decision.Accepted
            ? new LifecycleCommandResult(decision.Reason, Status)
            : throw new ApplicationFailureException(decision.Reason, errorType: "LifecycleCommandRejected", nonRetryable: true);
    }

    private bool ShouldContinueAsNew() =>
        Workflow.ContinueAsNewSuggested
        || (_input.ContinueAsNewAfterEvents is { } limit && Workflow.CurrentHistoryLength >= limit);

    private async Task CandidateLoopAsync()
    {
        while (!_rollingOver)
        {
            if (_state.Candidate is not { } candidate)
            {
                await Workflow.WaitConditionAsync(() => _rollingOver || _state.Candidate is not null);
            }
            else if (candidate.GatesPassedAt is null)
            {
                await SoakAsync(candidate);
            }
            else
            {
                await AwaitApprovalAsync(candidate);
            }
        }
    }

    /// <summary>True while the candidate is still in the soak that <paramref name="soaking"/> started.</summary>
    private bool StillSoaking(CandidateState soaking) =>
        _state.Candidate is { } current
        && current.Version == soaking.Version
        && current.Stage == soaking.Stage
        && current.StageEnteredAt == soaking.StageEnteredAt;

    private async Task SoakAsync(CandidateState candidate)
    {
        var gate = _policy.Options.GateFor(candidate.Stage);
        var evaluation = new ShadowEvaluationInput(
            _state.ModelName,
            candidate.Version,
            _state.ChampionVersion,
            candidate.Stage,
            candidate.StageEnteredAt,
            candidate.StageEnteredAt + gate.MinimumSoak,
            _input.EvaluationInterval);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Workflow.CancellationToken);
        var child = await Workflow.StartChildWorkflowAsync(
            (ShadowEvaluationWorkflow workflow) => workflow.RunAsync(evaluation),
            new ChildWorkflowOptions { Id = WorkflowIds.ShadowEvaluation(evaluation), CancellationToken = cancel.Token });
        var result = child.GetResultAsync();
        await Workflow.WaitConditionAsync(() => result.IsCompleted || _rollingOver || !StillSoaking(candidate));
        if (!result.IsCompleted)
        {
            // Promoted, rejected or rolled back meanwhile, or rolling over: this soak's report no longer matters.
            // Cancel, not CancelAsync: the callbacks must run on the workflow scheduler, not the thread pool.
            cancel.Cancel();
            await ObserveEndAsync(result);
            return;
        }

        ShadowReport report;
        try
        {
            report = await result;
        }
        catch (ChildWorkflowFailureException failure)
        {
            Workflow.Logger.LogError(failure, "Shadow evaluation of {Model} {Version} in {Stage} failed; retrying after {Interval}", _state.ModelName, candidate.Version, candidate.Stage, _input.EvaluationInterval);
            await Workflow.WaitConditionAsync(() => _rollingOver || !StillSoaking(candidate), _input.EvaluationInterval);
            return;
        }

        // Asked only when it applies, so the marker sits only in histories that met a silent champion.
        var holdWhenChampionSilent = report.Champion is null && _state.ChampionVersion is not null && Workflow.Patched(HoldWhenChampionSilentPatch);
        if (StillSoaking(candidate) && (!(await ApplyAsync(new EvaluateGates(report, holdWhenChampionSilent))).Accepted || holdWhenChampionSilent))
        {
            // A report the policy refuses (say, against a champion that changed) would refuse again at once, and a hold for
            // a silent champion would hold again at once: wait a round before the next soak report.
            await Workflow.WaitConditionAsync(() => _rollingOver || !StillSoaking(candidate), _input.EvaluationInterval);
        }
    }

    private async Task AwaitApprovalAsync(CandidateState candidate)
    {
        await Workflow.WaitConditionAsync(() => _rollingOver || !StillSoaking(candidate) || _state.Candidate?.ApprovedBy is not null);
        if (!_rollingOver && StillSoaking(candidate) && _state.Candidate!.LatestReport is { } report)
        {
            await ApplyAsync(new EvaluateGates(report));
        }
    }

    /// <summary>Waits for a cancelled soak to end; whatever it ended with no longer matters, but it must not take the lifecycle down.</summary>
    private async Task ObserveEndAsync(Task<ShadowReport> child)
    {
        try
        {
            await child;
        }
        catch (ChildWorkflowFailureException failure)
        {
            if (!TemporalException.IsCanceledException(failure))
            {
                Workflow.Logger.LogWarning(failure, "{Model}: an abandoned shadow evaluation failed", _state.ModelName);
            }
        }
    }

    private async Task ProbationLoopAsync()
    {
        while (!_rollingOver)
        {
            if (_state.Probation is not { } probation)
            {
                await Workflow.WaitConditionAsync(() => _rollingOver || _state.Probation is not null);
                continue;
            }

            var untilEnd = probation.EndsAt - Workflow.UtcNow;
            var wait = untilEnd < _input.EvaluationInterval ? untilEnd : _input.EvaluationInterval;

            // Timers need a positive duration; an overdue probation is checked after a second.
            var changed = await Workflow.WaitConditionAsync(
                () => _rollingOver || _state.Probation != probation,
                wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1));
            if (changed)
            {
                continue;
            }

            ShadowReport report;
            try
            {
                report = await Workflow.ExecuteActivityAsync(
                    (IShadowActivities activities) => activities.ComputeShadowReportAsync(new ShadowReportRequest(
                        _state.ModelName, probation.Version, probation.PreviousChampion, probation.StartedAt, Workflow.UtcNow)),
                    ControlActivities.Options());
            }
            catch (ActivityFailureException failure)
            {
                Workflow.Logger.LogError(failure, "Probation report for {Model} {Version} failed; the guardrail checks again next round", _state.ModelName, probation.Version);
                continue;
            }

            if (_state.Probation == probation)
            {
                // Asked only when verdicts could decide, so the marker sits only in histories where they did.
                var useVerdicts = EnoughVerdicts(report) && Workflow.Patched(VerdictPrecisionPatch);
                await ApplyAsync(new EvaluateGates(report, UseVerdictPrecision: useVerdicts));
            }
        }
    }

    private bool EnoughVerdicts(ShadowReport report) =>
        _input.Policy.VerdictPrecision is { } options && report.Candidate.Feedback is { } feedback && feedback.PrecisionVerdicts >= options.MinimumVerdicts;

    private async Task<Decision> ApplyAsync(LifecycleCommand command)
    {
        var decidedAt = Workflow.UtcNow;
        var decision = _policy.Decide(_state, command, decidedAt);
        _lastDecision = decision.Reason;
        if (!decision.Accepted)
        {
            Workflow.Logger.LogWarning("{Model}: {Command} refused: {Reason}", _state.ModelName, command.GetType().Name, decision.Reason);
            Publish();
            return decision;
        }

        _state = decision.State;
        if (decision.Events.Count > 0)
        {
            Workflow.Logger.LogInformation("{Model}: {Command} accepted: {Reason}", _state.ModelName, command.GetType().Name, decision.Reason);
        }

        Publish();
        await CarryOutAsync(decision.Events, decidedAt);
        return decision;
    }

    /// <summary>Carries out a decision's effects in order; <paramref name="decidedAt"/> stamps them with when it was decided, not when they ran.</summary>
    private async Task CarryOutAsync(IReadOnlyList<LifecycleEvent> events, DateTimeOffset decidedAt)
    {
        if (events.Count == 0)
        {
            return;
        }

        await _effects.WaitOneAsync();
        try
        {
            foreach (var lifecycleEvent in events)
            {
                await CarryOutAsync(lifecycleEvent, decidedAt);
            }
        }
        finally
        {
            _effects.ReleaseMutex();
        }
    }

    private async Task CarryOutAsync(LifecycleEvent lifecycleEvent, DateTimeOffset decidedAt)
    {
        var model = _state.ModelName;
        try
        {
            switch (lifecycleEvent)
            {
                case AliasMoved moved:
                    await Workflow.ExecuteActivityAsync(
                        (IRegistryActivities registry) => registry.SetStageAliasAsync(new StageAliasChange(model, moved.Version, moved.Stage, moved.Actor, moved.Reason, decidedAt)),
                        ControlActivities.Options());
                    break;
                case StageCleared cleared:
                    // Added after release: histories recorded before it dropped candidates without clearing their stage.
                    if (Workflow.Patched(ClearDroppedCandidateStagePatch))
                    {
                        await Workflow.ExecuteActivityAsync(
                            (IRegistryActivities registry) => registry.ClearStageAliasAsync(new StageAliasClear(model, cleared.Stage, cleared.Actor, cleared.Reason, decidedAt)),
                            ControlActivities.Options());
                    }

                    break;
                case Audit audit:
                    await Workflow.ExecuteActivityAsync(
                        (IAuditActivities audits) => audits.RecordAuditAsync(new LifecycleAuditEntry(
                            model, audit.Action, audit.Actor, audit.Reason, audit.Version, audit.Stage, decidedAt, Workflow.Info.WorkflowId, Workflow.Info.RunId)),
                        ControlActivities.Options());
                    break;
                case Notify notify:
                    await Workflow.ExecuteActivityAsync(
                        (INotificationActivities notifications) => notifications.NotifyAsync(new LifecycleNotification(model, notify.Severity, notify.Message, decidedAt, notify.Change)),
                        ControlActivities.Options());
                    break;
                default:
                    throw new ApplicationFailureException($"No handler for lifecycle event {lifecycleEvent.GetType().Name}", nonRetryable: true);
            }
        }
        catch (ActivityFailureException failure)
        {
            // The decision stands (the policy already moved on); the lifecycle must keep running, so a
            // lasting failure is logged and, for an alias the registry did not take, raised to humans.
            Workflow.Logger.LogError(failure, "{Model}: carrying out {Event} failed after retries", model, lifecycleEvent);
            if (lifecycleEvent is AliasMoved or StageCleared)
            {
                await NotifyAliasFailureAsync(lifecycleEvent);
            }
        }
    }

    private async Task NotifyAliasFailureAsync(LifecycleEvent stageEvent)
    {
        var message = stageEvent switch
        {
            AliasMoved moved => $"the lifecycle moved {moved.Stage} to {moved.Version} but the registry could not record it; set the stage by hand",
            StageCleared cleared => $"the lifecycle dropped {cleared.Version} from {cleared.Stage} but the registry still has it there; clear the stage by hand",
            _ => throw new ArgumentOutOfRangeException(nameof(stageEvent), stageEvent, "not a stage event"),
        };
        try
        {
            await Workflow.ExecuteActivityAsync(
                (INotificationActivities notifications) => notifications.NotifyAsync(new LifecycleNotification(_state.ModelName, NotificationSeverity.Critical, message, Workflow.UtcNow)),
                ControlActivities.Options());
        }
        catch (ActivityFailureException failure)
        {
            Workflow.Logger.LogError(failure, "{Model}: could not notify about the failed alias move either", _state.ModelName);
        }
    }

    /// <summary>Search attributes (only when they change, each upsert is a history event) and the UI's current details.</summary>
    private void Publish()
    {
        var published = (_state.ChampionVersion, _state.Candidate?.Version, _state.StageLabel());
        if (_published != published)
        {
            _published = published;
            Workflow.UpsertTypedSearchAttributes(
                LifecycleSearchAttributes.Model.ValueSet(_state.ModelName),
                _state.ChampionVersion is { } champion ? LifecycleSearchAttributes.ChampionVersion.ValueSet(champion) : LifecycleSearchAttributes.ChampionVersion.ValueUnset(),
                _state.Candidate is { } candidate ? LifecycleSearchAttributes.CandidateVersion.ValueSet(candidate.Version) : LifecycleSearchAttributes.CandidateVersion.ValueUnset(),
                LifecycleSearchAttributes.Stage.ValueSet(_state.StageLabel()));
        }

        Workflow.CurrentDetails = string.Create(
            CultureInfo.InvariantCulture,
            $"**{_state.ModelName}**: champion `{_state.ChampionVersion ?? "none"}`, candidate `{_state.Candidate?.Version ?? "none"}` ({_state.StageLabel()})  \nlast decision: {_lastDecision}");
    }
}
