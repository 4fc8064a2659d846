using System.Globalization;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation;
using MLOps.Core.Features;

namespace MLOps.Modeling.Training;

/// <summary>How <see cref="TrainingPipeline"/> labels, splits, trains and picks the alert threshold.</summary>
public sealed record TrainingPipelineOptions
{
    /// <summary>A window is positive when an incident is under way within this time after it.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Share of the training window (by time, from its start) the models fit on.</summary>
    public double TrainFraction { get; init; } = 0.6;

    /// <summary>Share after the train part that picks the threshold; the rest is the test part.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    public FastTreeOptions FastTree { get; init; } = new();

    /// <summary>Rank of the randomized PCA baseline (capped at the feature count).</summary>
    public int PcaRank { get; init; } = 8;

    /// <summary>The isolation forest baseline: trees, subsample per tree and its own seed.</summary>
    public IsolationForestOptions IsolationForest { get; init; } = new();

    /// <summary>
    /// Subsample sizes the isolation forest tries, judged on validation (<see cref="IsolationForestSelection"/>);
    /// <see cref="IsolationForestOptions.SubsampleSize"/> stands when validation has no incident to judge by.
    /// </summary>
    public IReadOnlyList<int> IsolationForestSubsampleCandidates { get; init; } = [256, 1024, 2048, 4096];

    /// <summary>Target alert precision and recall floor for the threshold chosen on validation data.</summary>
    public ThresholdSelectionOptions Threshold { get; init; } = new();

    /// <summary>
    /// Share of validation windows a detector may alert on when validation has no positive window (a service
    /// without labels): the threshold is then that upper quantile of its validation scores.
    /// </summary>
    public double UnlabeledAlertShare { get; init; } = 0.005;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Horizon, TimeSpan.Zero, nameof(Horizon));
        if (TrainFraction <= 0 || ValidationFraction <= 0 || TrainFraction + ValidationFraction >= 1)
        {
            throw new ArgumentException(
                $"Fractions must satisfy 0 < train, 0 < validation and train + validation < 1 (a test part must remain); got {TrainFraction} and {ValidationFraction}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PcaRank, 1, nameof(PcaRank));
        FastTree.Validate();
        IsolationForest.Validate();
        if (IsolationForestSubsampleCandidates is null || IsolationForestSubsampleCandidates.Count == 0)
        {
            throw new ArgumentException("At least one isolation forest subsample size is needed.", nameof(IsolationForestSubsampleCandidates));
        }

        foreach (var size in IsolationForestSubsampleCandidates)
        {
            (IsolationForest with { SubsampleSize = size }).Validate();
        }

        if (!(UnlabeledAlertShare is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(UnlabeledAlertShare), UnlabeledAlertShare, "Must be in (0, 1).");
        }

        Threshold.Validate();
    }

    /// <summary>Everything that shapes the trained model, as recorded in the manifest and in MLflow.</summary>
    public IReadOnlyDictionary<string, string> ToParameters()
    {
        var parameters = new Dictionary<string, string>(FastTree.ToParameters(), StringComparer.Ordinal)
        {
            ["horizon_minutes"] = Horizon.TotalMinutes.ToString("R", CultureInfo.InvariantCulture),
            ["split.train_fraction"] = TrainFraction.ToString("R", CultureInfo.InvariantCulture),
            ["split.validation_fraction"] = ValidationFraction.ToString("R", CultureInfo.InvariantCulture),
            ["pca.rank"] = PcaRank.ToString(CultureInfo.InvariantCulture),
            ["isolation_forest.trees"] = IsolationForest.Trees.ToString(CultureInfo.InvariantCulture),
            ["isolation_forest.subsample"] = IsolationForest.SubsampleSize.ToString(CultureInfo.InvariantCulture),
            ["isolation_forest.subsample_candidates"] = string.Join(',', IsolationForestSubsampleCandidates.Select(size => size.ToString(CultureInfo.InvariantCulture))),
            ["isolation_forest.seed"] = IsolationForest.Seed.ToString(CultureInfo.InvariantCulture),
            ["threshold.target_precision"] = Threshold.TargetPrecision.ToString("R", CultureInfo.InvariantCulture),
            ["threshold.minimum_recall"] = Threshold.MinimumRecall.ToString("R", CultureInfo.InvariantCulture),
            ["threshold.unlabeled_alert_share"] = UnlabeledAlertShare.ToString("R", CultureInfo.InvariantCulture),
            ["missing_values"] = MissingValues.PolicyName,
        };
        return parameters;
    }
}
