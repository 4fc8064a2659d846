namespace MLOps.Core.Feedback;

/// <summary>How many verdicts of each kind a training set used, for the manifest and the MLflow run.</summary>
/// <param name="ActionableIncidents">Actionable episodes that became an incident of source <c>feedback</c>.</param>
/// <param name="ActionableLinked">Actionable episodes covered by an incident already labeled, linked to it instead.</param>
/// <param name="WithoutEpisode">Verdicts whose episode is not among those given: outside the snapshot, or a data problem.</param>
public sealed record FeedbackEpisodeCounts(int ActionableIncidents, int ActionableLinked, int FalseAlarms, int Expected, int WithoutEpisode)
{
    public int Actionable => ActionableIncidents + ActionableLinked;

    /// <summary>Fixed metric names, so runs can be compared in MLflow.</summary>
    public IReadOnlyDictionary<string, double> ToMetrics() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["feedback_actionable"] = Actionable,
        ["feedback_actionable_incidents"] = ActionableIncidents,
        ["feedback_actionable_linked"] = ActionableLinked,
        ["feedback_false_alarms"] = FalseAlarms,
        ["feedback_expected"] = Expected,
    };
}
