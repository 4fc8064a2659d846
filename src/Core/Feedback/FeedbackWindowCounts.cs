namespace MLOps.Core.Feedback;

/// <summary>
/// What verdicts did to the windows of a labeling run; summed over services for the manifest and the MLflow run.
/// </summary>
/// <param name="FalseAlarmWindows">Usable windows inside a false-alarm span.</param>
/// <param name="TurnedNegative">Of those, the ones that were positive only because an incident lay within the horizon ahead.</param>
/// <param name="KeptPositive">Of those, the ones an incident was already under way at, which stay positive.</param>
/// <param name="ExpectedExcluded">Windows left out because of an expected span (and not already by maintenance).</param>
public sealed record FeedbackWindowCounts(int FalseAlarmWindows, int TurnedNegative, int KeptPositive, int ExpectedExcluded)
{
    public static FeedbackWindowCounts Zero { get; } = new(0, 0, 0, 0);

    public static FeedbackWindowCounts operator +(FeedbackWindowCounts left, FeedbackWindowCounts right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new FeedbackWindowCounts(
            left.FalseAlarmWindows + right.FalseAlarmWindows,
            left.TurnedNegative + right.TurnedNegative,
            left.KeptPositive + right.KeptPositive,
            left.ExpectedExcluded + right.ExpectedExcluded);
    }

    public static FeedbackWindowCounts Add(FeedbackWindowCounts left, FeedbackWindowCounts right) => left + right;

    /// <summary>Fixed metric names, so runs can be compared in MLflow.</summary>
    public IReadOnlyDictionary<string, double> ToMetrics() => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["feedback_false_alarm_windows"] = FalseAlarmWindows,
        ["feedback_windows_turned_negative"] = TurnedNegative,
        ["feedback_false_alarm_windows_kept_positive"] = KeptPositive,
        ["feedback_expected_windows_excluded"] = ExpectedExcluded,
    };
}
