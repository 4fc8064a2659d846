using MLOps.Contracts;
using MLOps.Contracts.Activities;
using MLOps.Contracts.Workflows;
using MLOps.Core.Lifecycle;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace MLOps.Workflows;

/// <summary>
/// One candidate's soak in one stage: every interval it compares candidate and champion on the window
/// since the stage began; when the soak ends it returns the final <see cref="ShadowReport"/>.
/// </summary>
[Workflow(WorkflowNames.ShadowEvaluation)]
public sealed class ShadowEvaluationWorkflow
{
    private ShadowReport? _latest;

    /// <summary>The most recent interim report, for operators who want to look before the soak ends.</summary>
    [WorkflowQuery("LatestReport")]
    public ShadowReport? LatestReport => _latest;

    [WorkflowRun]
    public async Task<ShadowReport> RunAsync(ShadowEvaluationInput input)
    {
        if (input.Interval <= TimeSpan.Zero)
        {
            throw new ApplicationFailureException($"Evaluation interval must be positive, got {input.Interval}", errorType: "InvalidInput", nonRetryable: true);
        }

        while (true)
        {
            var remaining = input.SoakUntil - Workflow.UtcNow;
            if (remaining > TimeSpan.Zero)
            {
                await Workflow.DelayAsync(remaining < input.Interval ? remaining : input.Interval);
            }

            var request = new ShadowReportRequest(input.ModelName, input.CandidateVersion, input.ChampionVersion, input.WindowStart, Workflow.UtcNow);
            _latest = await Workflow.ExecuteActivityAsync((IShadowActivities shadow) => shadow.ComputeShadowReportAsync(request), ControlActivities.Options());
            if (Workflow.UtcNow >= input.SoakUntil)
            {
                return _latest;
            }

            // Every report covers the window from the stage start, so a fresh run loses nothing.
            if (Workflow.ContinueAsNewSuggested)
            {
                throw Workflow.CreateContinueAsNewException((ShadowEvaluationWorkflow workflow) => workflow.RunAsync(input));
            }
        }
    }
}
