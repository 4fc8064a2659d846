using System.Globalization;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation;

namespace MLOps.Modeling.Training;

/// <summary>
/// Fits the isolation forest a run serves. The subsample per tree is the setting that matters most on wide
/// telemetry (on SMD's 461 features, 256 rows ranks test windows clearly worse than 1024 or more; see
/// docs/evaluation.md), so one forest per candidate size grows on the train part and the one ranking validation
/// windows best wins, the smaller on a tie. The winner then grows again on train + validation: a forest learns no
/// labels, and the latest normal behaviour is the reference that matters. A tree sees only its subsample, so a
/// validation row sits in about subsample / rows of the trees (3 % on SMD at 4,096) and validation still picks the
/// threshold on rows the forest has barely seen.
/// </summary>
public static class IsolationForestSelection
{
    /// <summary>Where the forest grew, as recorded with the run.</summary>
    public const string FitPart = "train+validation";

    /// <exception cref="ArgumentException">No candidate size, or one the forest refuses.</exception>
    public static SelectedIsolationForest Fit(
        TrainingData train,
        TrainingData validation,
        IsolationForestOptions options,
        IReadOnlyList<int> candidateSizes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(candidateSizes);
        var labels = validation.Labels.Select(label => label >= 0.5f).ToArray();
        var validationPrAuc = new SortedDictionary<int, double?>();
        var chosen = options.SubsampleSize;
        // Without both classes in validation nothing can rank the candidates: the configured size stands.
        if (labels.Contains(true) && labels.Contains(false))
        {
            foreach (var size in candidateSizes.Select(size => Math.Min(size, train.Rows)).Distinct().Order())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var candidate = IsolationForestDetector.Fit(train.Features, train.Width, options with { SubsampleSize = size });
                validationPrAuc[size] = RankingMetrics.AveragePrecision(TrainingPipeline.Score(candidate, validation), labels);
            }

            chosen = validationPrAuc.OrderByDescending(pair => pair.Value ?? double.MinValue).ThenBy(pair => pair.Key).First().Key;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var both = train.Append(validation);
        var forest = IsolationForestDetector.Fit(both.Features, both.Width, options with { SubsampleSize = chosen });
        return new SelectedIsolationForest(forest, chosen, validationPrAuc);
    }
}

/// <summary>The served forest, the subsample size it was grown with, and each candidate's validation PR-AUC.</summary>
public sealed record SelectedIsolationForest(IsolationForestDetector Forest, int SubsampleSize, IReadOnlyDictionary<int, double?> ValidationPrAucBySize)
{
    /// <summary>The choice as run parameters: recorded in the manifest next to the options that led to it.</summary>
    public IReadOnlyDictionary<string, string> ToParameters()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["isolation_forest.subsample_chosen"] = SubsampleSize.ToString(CultureInfo.InvariantCulture),
            ["isolation_forest.fit_part"] = IsolationForestSelection.FitPart,
        };
        foreach (var (size, prAuc) in ValidationPrAucBySize)
        {
            parameters[$"isolation_forest.validation_pr_auc.{size.ToString(CultureInfo.InvariantCulture)}"] =
                prAuc?.ToString("0.####", CultureInfo.InvariantCulture) ?? "none";
        }

        return parameters;
    }
}
