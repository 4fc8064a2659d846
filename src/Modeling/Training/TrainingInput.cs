using MLOps.Core.Features;
using MLOps.Core.Feedback;
using MLOps.Core.Telemetry;

namespace MLOps.Modeling.Training;

/// <summary>
/// What one training reads, wherever it came from (PostgreSQL, imported benchmark files, the simulator): samples
/// grouped by service, the labels and context events, and the half-open window [start, end) that is split by time.
/// </summary>
public sealed record TrainingInput(
    IEnumerable<TelemetrySample> SamplesGroupedByService,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<DeployEvent> Deploys,
    IReadOnlyList<MaintenanceWindow> Maintenance,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    FeatureSet FeatureSet)
{
    /// <summary>On-call's verdicts over the window (<see cref="FeedbackLabels"/>); none unless the caller read them.</summary>
    public FeedbackLabels Feedback { get; init; } = FeedbackLabels.None;

    /// <summary>The incidents to label and evaluate with: the labeled ones plus those made from actionable verdicts.</summary>
    public IReadOnlyList<Incident> LabelIncidents => Feedback.IncidentsWith(Incidents);
}
