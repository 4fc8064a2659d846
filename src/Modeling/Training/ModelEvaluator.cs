using System.Globalization;
using MLOps.Artifacts;
using MLOps.Core.Artifacts;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation;
using MLOps.Core.Paging;
using MLOps.Core.Telemetry;
using MLOps.Core.Training;

namespace MLOps.Modeling.Training;

/// <summary>
/// Scores a stored model on prepared windows and reports at the model's own threshold and horizon. The load goes
/// through <see cref="ModelArtifactStore.LoadModelAsync"/>, so a tampered file or a model trained on another
/// feature schema is refused before anything is scored.
/// </summary>
public sealed class ModelEvaluator(ModelArtifactStore artifacts)
{
    /// <param name="folder">The version's folder in the store, e.g. <c>models/checkout/0123456789abcdef</c>.</param>
    /// <param name="part">Only the rows of this part (the period is that part's); null scores every row over the whole split.</param>
    public async Task<(ModelManifest Manifest, EvaluationReport Report)> EvaluateAsync(
        string folder,
        LabeledWindows data,
        IReadOnlyList<Incident> incidents,
        SplitPart? part,
        CancellationToken cancellationToken = default)
    {
        var scored = await ScoreAsync(folder, data, incidents, part, cancellationToken);
        return (scored.Manifest, scored.Report);
    }

    /// <summary>
    /// As <see cref="EvaluateAsync"/>, and what the model's threshold would have paged over the part's rows as
    /// champion (<paramref name="pages"/>: the alert policy, shifts and budget), for the page-level gates.
    /// </summary>
    public async Task<(ModelManifest Manifest, EvaluationReport Report, PageSummary Pages)> EvaluateWithPagesAsync(
        string folder,
        LabeledWindows data,
        IReadOnlyList<Incident> incidents,
        SplitPart? part,
        PagerBudgetSelectionOptions pages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var scored = await ScoreAsync(folder, data, incidents, part, cancellationToken);
        var grid = ValidationScoreGrid.Of(data, scored.Rows, pages.Policy.WindowStep);
        var summary = DetectorJudging.Pages(grid.Input(scored.Scores, incidents), scored.Manifest.Threshold, pages);
        return (scored.Manifest, scored.Report, summary);
    }

    private async Task<(ModelManifest Manifest, EvaluationReport Report, int[] Rows, double[] Scores)> ScoreAsync(
        string folder,
        LabeledWindows data,
        IReadOnlyList<Incident> incidents,
        SplitPart? part,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(incidents);
        var loaded = await artifacts.LoadModelAsync(folder, data.FeatureSet.SchemaHash, cancellationToken);
        var manifest = loaded.Manifest;
        var kind = manifest.HyperParameters.GetValueOrDefault(DetectorKind.ManifestKey)
            ?? throw new InvalidDataException($"The manifest of {folder} does not say which detector it holds.");
        var horizon = manifest.HyperParameters.TryGetValue("horizon_minutes", out var minutes)
            ? TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture))
            : throw new InvalidDataException($"The manifest of {folder} has no horizon_minutes.");
        var scorer = DetectorArchive.Load(kind, loaded.ModelZip, data.Width);
        var (rows, indexes) = data.Select(part);
        if (rows.Rows == 0)
        {
            throw new TrainingDataException("There is no window to evaluate on: no telemetry in the period, or all of it is maintenance.");
        }

        var scores = TrainingPipeline.Score(scorer, rows);
        var windows = TrainingPipeline.Windows(data, indexes, scores);
        return (manifest, Evaluator.Evaluate(windows, incidents, manifest.Threshold, horizon, data.PeriodOf(part)), indexes, scores);
    }
}
