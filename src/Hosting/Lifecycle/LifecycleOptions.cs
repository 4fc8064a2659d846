using System.ComponentModel.DataAnnotations;
using MLOps.Contracts;
using MLOps.Contracts.Workflows;
using MLOps.Core.Training;
using MLOps.Hosting.Temporal;
using Temporalio.Client;

namespace MLOps.Hosting.Lifecycle;

/// <summary>
/// The models this deployment runs, how their retrains and lifecycles start (configuration section
/// <c>Lifecycle</c>). The worker schedules the nightly retrains and starts lifecycles after them; the API lists
/// the models, starts a retrain on demand and starts a lifecycle when on-call hands a version over. Both read
/// this one section, so a retrain or lifecycle runs the same way whoever started it.
/// </summary>
public sealed class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>How often shadow and probation reports are computed.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Recorded with every training run (git sha of the deployed build).</summary>
    [Required]
    public string CodeVersion { get; set; } = "unknown";

    public LifecyclePolicySettings Policy { get; } = new();

    public OfflineGateSettings OfflineGates { get; } = new();

    public IList<ModelSchedule> Models { get; } = [];

    /// <summary>Longest a retrain may run, well inside the nightly period.</summary>
    public static TimeSpan RetrainTimeout { get; } = TimeSpan.FromHours(20);

    /// <summary>The configured model called <paramref name="modelName"/>, or null.</summary>
    public ModelSchedule? Find(string modelName) => Models.FirstOrDefault(model => string.Equals(model.Name, modelName, StringComparison.Ordinal));

    /// <summary>The input of a new lifecycle for <paramref name="modelName"/>; a running one keeps the input it started with.</summary>
    public ModelLifecycleInput InputFor(string modelName) => new(modelName, Policy.ToOptions(), EvaluationInterval);

    /// <summary>The input of a retrain of <paramref name="model"/>, nightly or on demand.</summary>
    public RetrainInput RetrainInputFor(ModelSchedule model, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(temporal);
        var gates = OfflineGates.ToOptions() with { PageFloors = Policy.ToPageFloors() };
        return new RetrainInput(model.Name, temporal.TrainingTaskQueue, model.TrainingWindow, model.Seed, CodeVersion, gates, InputFor(model.Name));
    }

    /// <summary>How a retrain of <paramref name="modelName"/> is started: one id per model, so two never run at once.</summary>
    public static WorkflowOptions RetrainWorkflowOptions(string modelName, TemporalOptions temporal)
    {
        ArgumentNullException.ThrowIfNull(temporal);
        return new WorkflowOptions(WorkflowIds.Retrain(modelName), temporal.TaskQueue)
        {
            // A hung retrain (say, no training worker) must not block every later night.
            ExecutionTimeout = RetrainTimeout,
        };
    }

    /// <summary>What is wrong with these settings, one sentence per problem naming the key.</summary>
    public IEnumerable<string> Problems()
    {
        if (EvaluationInterval <= TimeSpan.Zero)
        {
            yield return $"{Section}:EvaluationInterval must be positive.";
        }

        foreach (var problem in Policy.ToOptions().Validate())
        {
            yield return $"{Section}:Policy: {problem}";
        }

        foreach (var problem in OfflineGates.Problems())
        {
            yield return problem;
        }

        foreach (var duplicate in Models.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"Lifecycle:Models lists '{duplicate.Key}' {duplicate.Count()} times.";
        }

        for (var i = 0; i < Models.Count; i++)
        {
            var model = Models[i];
            var at = $"Lifecycle:Models:{i}";
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                yield return $"{at}:Name is required.";
            }

            if (model.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
            {
                yield return $"{at}:Cron must have 5 fields (minute hour day month weekday), got '{model.Cron}'.";
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(model.TimeZone, out _))
            {
                yield return $"{at}:TimeZone '{model.TimeZone}' is not a known time zone.";
            }

            if (model.Jitter < TimeSpan.Zero || model.CatchupWindow < TimeSpan.Zero)
            {
                yield return $"{at}: Jitter and CatchupWindow must not be negative.";
            }

            if (model.TrainingWindow <= TimeSpan.Zero)
            {
                yield return $"{at}:TrainingWindow must be positive.";
            }
        }
    }
}
