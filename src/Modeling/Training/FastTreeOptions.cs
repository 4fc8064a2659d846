using System.ComponentModel.DataAnnotations;

namespace MLOps.Modeling.Training;

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

    /// <summary>
    /// Boosting stops once the validation error rate (the share of validation windows on the wrong side of
    /// probability 0.5, the criterion ML.NET's binary FastTree stops on) has not improved for this many trees in a
    /// row, and the model keeps the trees up to its best point; 0 always grows <see cref="NumberOfTrees"/>. Only
    /// applies when the validation part holds both classes.
    /// </summary>
    [Range(0, 1_000)]
    public int EarlyStoppingPatience { get; init; } = 5;

    /// <summary>Seeds the MLContext: the same data and options give the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <exception cref="ArgumentException">A value outside its range, named with the range.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException($"FastTree options: {string.Join(" ", results.Select(result => result.ErrorMessage))}");
        }
    }

    public IReadOnlyDictionary<string, string> ToParameters() => new Dictionary<string, string>
    {
        ["fasttree.trees"] = NumberOfTrees.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fasttree.leaves"] = NumberOfLeaves.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fasttree.min_leaf"] = MinimumExampleCountPerLeaf.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["fasttree.learning_rate"] = LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["fasttree.early_stopping_patience"] = EarlyStoppingPatience.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
