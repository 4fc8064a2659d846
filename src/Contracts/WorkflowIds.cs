using System.Globalization;
using MLOps.Contracts.Workflows;

namespace MLOps.Contracts;

/// <summary>
/// Workflow and schedule ids, built in one place for the Worker (which starts and schedules), the Api (which
/// queries, updates and triggers) and the workflows (which start each other).
/// </summary>
public static class WorkflowIds
{
    /// <summary>The one lifecycle of a model: <c>lifecycle/{model}</c>, the id the Temporal UI is searched by.</summary>
    public static string Lifecycle(string modelName) => $"lifecycle/{modelName}";

    /// <summary>A model's retrain (nightly or on demand); one at a time per model.</summary>
    public static string Retrain(string modelName) => $"retrain/{modelName}";

    /// <summary>The Temporal Schedule that starts a model's nightly retrain.</summary>
    public static string RetrainSchedule(string modelName) => $"retrain-nightly/{modelName}";

    /// <summary>One on-demand backtest: <c>backtest/{model}/{request}</c>, with a fresh request id per call.</summary>
    public static string Backtest(string modelName, Guid request) => $"backtest/{modelName}/{request:N}";

    /// <summary>One id per candidate, stage and soak start, so a restarted soak never collides with a finished one.</summary>
    public static string ShadowEvaluation(ShadowEvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var soakStart = input.WindowStart.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        return $"shadow/{input.ModelName}/{input.CandidateVersion}/{input.Stage}/{soakStart}";
    }
}
