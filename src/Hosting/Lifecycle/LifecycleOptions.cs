using MLOps.Contracts.Workflows;

namespace MLOps.Hosting.Lifecycle;

/// <summary>
/// How a model's lifecycle workflow is started (configuration section <c>Lifecycle</c>). The worker starts it
/// after a nightly retrain, the API when on-call hands a version over; both read this one section, so a
/// lifecycle runs under the same policy whoever started it.
/// </summary>
public class LifecycleOptions
{
    public const string Section = "Lifecycle";

    /// <summary>How often shadow and probation reports are computed.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromHours(1);

    public LifecyclePolicySettings Policy { get; } = new();

    /// <summary>The input of a new lifecycle for <paramref name="modelName"/>; a running one keeps the input it started with.</summary>
    public ModelLifecycleInput InputFor(string modelName) => new(modelName, Policy.ToOptions(), EvaluationInterval);

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
    }
}
