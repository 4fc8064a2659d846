using System.ComponentModel.DataAnnotations;

namespace MLOps.Activities.Training;

/// <summary>FastTree hyper-parameters; every value is recorded with the run that used it.</summary>
public sealed record FastTreeOptions
{
    [Range(1, 10_000)]
    public int NumberOfTrees { get; init; } = 100;

    [Range(2, 1_024)]
    public int NumberOfLeaves { get; init; } = 20;

    [Range(1, 100_000)]
    public int MinimumExampleCountPerLeaf { get; init; } = 10;

    [Range(1e-6, 1.0)]
    public double LearningRate { get; init; } = 0.2;

    /// <summary>Seeds the MLContext: the same data and options give the same model.</summary>
    public int Seed { get; init; } = 42;

    public IReadOnlyDictionary<string, string> ToParameters() => new Dictionary<string, string>
    {
        ["fasttree.trees"] = NumberOfTrees.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fasttree.leaves"] = NumberOfLeaves.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fasttree.min_leaf"] = MinimumExampleCountPerLeaf.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fasttree.learning_rate"] = LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
