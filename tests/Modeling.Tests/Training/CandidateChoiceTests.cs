using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Detection;
using MLOps.Core.Evaluation;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Training;

/// <summary>The pipeline's candidate choice: every detector judged by validation pages, chance never serves.</summary>
[Collection(SimulatedFleetTraining.Collection)]
public sealed class CandidateChoiceTests(SimulatedFleetTraining fleet) : IDisposable
{
    private const string Constant = "Constant";

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"candidate-{Guid.NewGuid():N}");

    [Fact]
    public void Judge_ConstantScoreDetectorNextToTrainedOnes_IsNeverTheCandidate()
    {
        var fitted = fleet.Outcome.Detectors.Select(Refit).Append(ConstantDetector()).ToList();

        var outcome = TrainingPipeline.Judge(fleet.Data, fleet.Input.Incidents, fitted, fleet.Outcome.FastTree, SimulatedFleetTraining.Options);

        Assert.NotNull(outcome.PrimaryKind);
        Assert.NotEqual(Constant, outcome.PrimaryKind);
        var standing = Assert.Single(outcome.Selection.Standings, s => s.Detector == Constant);
        Assert.False(standing.BetterThanChance);
        Assert.Null(standing.Rank);
        Assert.Contains("ROC-AUC 0.500", standing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_OnlyConstantScores_HasNoCandidateAndSaysWhy()
    {
        var outcome = TrainingPipeline.Judge(fleet.Data, fleet.Input.Incidents, [ConstantDetector()], null, SimulatedFleetTraining.Options);

        Assert.Null(outcome.PrimaryKind);
        Assert.Equal(CandidateSelectionOutcome.NoneBetterThanChance, outcome.Selection.Outcome);
        Assert.Contains("nothing should be registered", outcome.Selection.Why, StringComparison.Ordinal);
        Assert.Throws<NoCandidateException>(() => outcome.Primary);
    }

    [Fact]
    public async Task TrainAndStoreAsync_NoneBetterThanChance_StoresNoVersion()
    {
        // A ROC-AUC floor of 1 makes every real detector "no better than chance", the case of noise-only data.
        var options = SimulatedFleetTraining.Options with { Candidates = new CandidateSelectionOptions { MinimumRocAuc = 1 } };
        var pipeline = new TrainingPipeline(new ModelArtifactStore(new FileSystemArtifactStore(_root)), NullLogger<TrainingPipeline>.Instance);

        var failure = await Assert.ThrowsAsync<NoCandidateException>(() => pipeline.TrainAndStoreAsync("fleet", fleet.Data, fleet.Input.Incidents, options, "chance"));

        Assert.Equal(CandidateSelectionOutcome.NoneBetterThanChance, failure.Selection.Outcome);
        Assert.IsAssignableFrom<IPermanentFailure>(failure);
        Assert.All(fleet.Outcome.Detectors, detector => Assert.Contains(detector.Kind, failure.Message, StringComparison.Ordinal));
        Assert.Empty(Directory.Exists(_root) ? Directory.EnumerateFiles(_root, "manifest.json", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public void TrainAndStoreAsync_Candidate_ManifestSaysWhyItWonAndEveryStanding()
    {
        var parameters = fleet.Stored.Manifest.HyperParameters;

        Assert.Equal(fleet.Outcome.PrimaryKind, parameters[DetectorKind.ManifestKey]);
        Assert.Equal(fleet.Outcome.Selection.Outcome.ToString(), parameters[TrainingPipeline.CandidateOutcomeKey]);
        Assert.StartsWith($"{fleet.Outcome.PrimaryKind} is the candidate", parameters[TrainingPipeline.CandidateWhyKey], StringComparison.Ordinal);
        Assert.All(fleet.Outcome.Detectors, detector => Assert.Contains($"candidate.standing.{detector.Kind}", parameters.Keys));
        Assert.Equal(nameof(ThresholdSelectionMode.PagerBudget), parameters["threshold.mode"]);
        Assert.Contains("validation.pages.per_shift_max", fleet.Stored.Manifest.Metrics.Keys);
        Assert.Contains("test.pages.incident_recall", fleet.Stored.Manifest.Metrics.Keys);
    }

    [Fact]
    public void Train_PagerBudgetMode_ThresholdKeepsToTheBudgetOnValidationWhenTheCandidateSaysSo()
    {
        var primary = fleet.Outcome.Primary;
        var pages = primary.Validation.Selection.Pages!;

        Assert.Equal(primary.Threshold, primary.Validation.Selection.Threshold);
        Assert.Equal(primary.Validation.Selection.Outcome == PagerBudgetOutcome.WithinBudget, pages.PagesPerShiftMax <= SimulatedFleetTraining.Options.PagerBudget.PagesPerShift);
        Assert.Equal(primary.Validation.Selection.Reason, primary.ThresholdReason);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static FittedDetector Refit(TrainedDetector detector) =>
        new(detector.Kind, detector.Scorer, detector.ModelZip, detector.TrainingTime, detector.FittedParameters);

    private FittedDetector ConstantDetector() => new(Constant, new ConstantScorer(fleet.Data.Width), [], TimeSpan.Zero, new Dictionary<string, string>());

    private sealed class ConstantScorer(int width) : IAnomalyScorer
    {
        public int Width => width;

        public void ScoreBatch(float[] rows, float[] scores) => Array.Fill(scores, 0.5f, 0, rows.Length / width);
    }
}
