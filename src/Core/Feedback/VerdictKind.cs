namespace MLOps.Core.Feedback;

/// <summary>
/// What on-call said about an alert episode. Only <see cref="Actionable"/> and <see cref="FalseAlarm"/>
/// judge the model; <see cref="Expected"/> says the alert was right about the telemetry but the cause was
/// known work (maintenance, a load test), so it teaches nothing either way.
/// </summary>
public enum VerdictKind
{
    Actionable,
    FalseAlarm,
    Expected,
}

/// <summary>The wire words of <see cref="VerdictKind"/>: what the API, the CLI and the Slack buttons carry.</summary>
public static class VerdictKinds
{
    public const string ActionableWord = "actionable";
    public const string FalseAlarmWord = "false-alarm";
    public const string ExpectedWord = "expected";

    public static IReadOnlyList<string> WireWords { get; } = [ActionableWord, FalseAlarmWord, ExpectedWord];

    public static string ToWire(this VerdictKind kind) => kind switch
    {
        VerdictKind.Actionable => ActionableWord,
        VerdictKind.FalseAlarm => FalseAlarmWord,
        VerdictKind.Expected => ExpectedWord,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown verdict."),
    };

    /// <summary>
    /// Exactly the three wire words, case-sensitive: a verdict becomes a training label, so a near miss
    /// ("False_Alarm", "1") is refused rather than guessed at.
    /// </summary>
    public static bool TryParse(string? value, out VerdictKind kind)
    {
        (var known, kind) = value switch
        {
            ActionableWord => (true, VerdictKind.Actionable),
            FalseAlarmWord => (true, VerdictKind.FalseAlarm),
            ExpectedWord => (true, VerdictKind.Expected),
            _ => (false, default),
        };
        return known;
    }
}
