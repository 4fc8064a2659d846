namespace MLOps.Core.Feedback;

/// <summary>
/// What on-call made of a set of alert episodes (for example one version's pages over a shadow window or the
/// last 30 days). Shares are of all episodes and null when there were none; every episode is in exactly one
/// of actionable, false alarm, expected and unlabeled.
/// </summary>
/// <param name="TimeToAcknowledge">From the episode's start to its first PagerDuty acknowledgement; null when none was acknowledged.</param>
/// <param name="TimeToResolve">From the episode's start to its last PagerDuty resolve; null when none was resolved.</param>
public sealed record FeedbackSummary(
    int Episodes,
    int Actionable,
    int FalseAlarms,
    int Expected,
    int Unlabeled,
    DurationSummary? TimeToAcknowledge,
    DurationSummary? TimeToResolve)
{
    public double? ActionableShare => Share(Actionable);

    public double? FalseAlarmShare => Share(FalseAlarms);

    public double? ExpectedShare => Share(Expected);

    public double? UnlabeledShare => Share(Unlabeled);

    /// <summary>
    /// The verdicts that judge the model: actionable and false alarm. Expected ones are left out, since an alert
    /// on known work is neither a catch nor a mistake.
    /// </summary>
    public int PrecisionVerdicts => Actionable + FalseAlarms;

    /// <summary>actionable / (actionable + false alarm); null without such verdicts. Rests on <see cref="PrecisionVerdicts"/> verdicts.</summary>
    public double? VerdictPrecision => PrecisionVerdicts == 0 ? null : (double)Actionable / PrecisionVerdicts;

    private double? Share(int count) => Episodes == 0 ? null : (double)count / Episodes;
}
