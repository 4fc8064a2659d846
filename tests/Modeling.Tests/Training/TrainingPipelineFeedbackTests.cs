using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Artifacts;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Core.Feedback;
using MLOps.Core.Training;
using MLOps.Modeling.Training;
using MLOps.Testing.Platform;

namespace MLOps.Modeling.Tests.Training;

/// <summary>
/// The simulated fleet trained again with on-call's verdicts: the same telemetry and incidents, so every difference
/// from the fixture's training is what the verdicts did.
/// </summary>
[Collection(SimulatedFleetTraining.Collection)]
public sealed class TrainingPipelineFeedbackTests(SimulatedFleetTraining fleet) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"feedback-{Guid.NewGuid():N}");

    [Fact]
    public async Task TrainAndStore_FalseAlarmVerdictsBeforeIncidents_TurnThoseWindowsNegativeChangeTheThresholdAndAreCounted()
    {
        var horizon = SimulatedFleetTraining.Options.Horizon;
        var split = fleet.Data.Split;
        // On-call judged the alerts in the horizon before each train and validation incident false alarms: the
        // service looked fine then, and the incident came later for another reason.
        var judged = fleet.Input.Incidents.Where(incident => incident.Start - horizon >= split.Start && incident.Start < split.ValidationEnd).ToArray();
        var episodes = judged.Select(incident => new AlertEpisode(
            AlertDedupKey.Create("fleet", "1", incident.Service, incident.Start - horizon), "fleet", "1", ModelStage.Secondary, incident.Service,
            AlertSeverity.Warning, incident.Start - horizon, incident.Start - TimeSpan.FromMinutes(1))).ToArray();
        var verdicts = episodes.Select(episode => new AlertVerdict(episode.DedupKey, VerdictKind.FalseAlarm, "slack:sre (U1)", "nothing wrong then", episode.End!.Value, VerdictSource.Slack, 1));
        var feedback = FeedbackLabels.Build(episodes, verdicts, fleet.Input.Incidents, horizon);
        var input = SimulatedFleetTraining.InputOf(fleet.Simulator) with { Feedback = feedback };

        var data = TrainingPipeline.Prepare(input, SimulatedFleetTraining.Options);
        var pipeline = new TrainingPipeline(new ModelArtifactStore(new FileSystemArtifactStore(_root)), NullLogger<TrainingPipeline>.Instance);
        var (stored, outcome) = await pipeline.TrainAndStoreAsync("fleet", data, input.LabelIncidents, SimulatedFleetTraining.Options, "feedback");

        // Labels: exactly the judged windows turned negative; nothing else moved.
        var turned = data.FeedbackWindows.TurnedNegative;
        Assert.True(turned > 0, "no window turned negative");
        Assert.Equal(0, data.FeedbackWindows.KeptPositive);
        Assert.Equal(fleet.Data.Rows, data.Rows);
        var before = fleet.Data.CountPositives(SplitPart.Train) + fleet.Data.CountPositives(SplitPart.Validation);
        var after = data.CountPositives(SplitPart.Train) + data.CountPositives(SplitPart.Validation);
        Assert.Equal(before - turned, after);
        Assert.Equal(fleet.Data.CountPositives(SplitPart.Test), data.CountPositives(SplitPart.Test));
        // The threshold chosen on validation moves with the labels.
        var thresholdBefore = fleet.Outcome.Primary.Threshold;
        var thresholdAfter = outcome!.Primary.Threshold;
        Assert.True(thresholdBefore != thresholdAfter, $"threshold stayed {thresholdBefore} with {turned} of {before} positive windows turned negative");
        // Counted in the manifest (and so in the MLflow run, which logs the manifest's metrics).
        Assert.Equal(judged.Length, stored.Manifest.Metrics["feedback_false_alarms"]);
        Assert.Equal(turned, stored.Manifest.Metrics["feedback_windows_turned_negative"]);
        Assert.Equal(0, stored.Manifest.Metrics["feedback_actionable"]);
    }

    [Fact]
    public void Prepare_ActionableVerdictsOnAServiceWithoutIncidents_GiveItPositiveWindows()
    {
        var service = fleet.Simulator.Services[0].Info.Name;
        var horizon = SimulatedFleetTraining.Options.Horizon;
        var unlabeled = fleet.Input.Incidents.Where(incident => incident.Service != service).ToArray();
        // The incidents of the service were never filed; on-call marked its alerts actionable instead.
        var episodes = fleet.Input.Incidents.Where(incident => incident.Service == service).Select(incident => new AlertEpisode(
            AlertDedupKey.Create("fleet", "1", service, incident.Start), "fleet", "1", ModelStage.Champion, service, AlertSeverity.Critical,
            incident.Start, incident.End)).ToArray();
        var verdicts = episodes.Select(episode => new AlertVerdict(episode.DedupKey, VerdictKind.Actionable, "oncall-key", "real outage", episode.Start.AddMinutes(5), VerdictSource.Api, 1));
        var withoutIncidents = SimulatedFleetTraining.InputOf(fleet.Simulator) with { Incidents = unlabeled };
        var withVerdicts = withoutIncidents with { Feedback = FeedbackLabels.Build(episodes, verdicts, unlabeled, horizon) };

        var bare = TrainingPipeline.Prepare(withoutIncidents, SimulatedFleetTraining.Options);
        var labeled = TrainingPipeline.Prepare(withVerdicts, SimulatedFleetTraining.Options);

        int Positives(LabeledWindows data) => Enumerable.Range(0, data.Rows).Count(row => data.Services[row] == service && data.Labels[row] >= 0.5f);
        Assert.Equal(0, Positives(bare));
        Assert.True(Positives(labeled) > 0);
        Assert.Equal(episodes.Length, labeled.FeedbackCounts["feedback_actionable_incidents"]);
        Assert.All(withVerdicts.LabelIncidents.Where(incident => incident.Service == service), incident => Assert.Equal(FeedbackLabels.IncidentSource, incident.Source));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
