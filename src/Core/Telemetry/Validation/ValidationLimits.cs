namespace MLOps.Core.Telemetry.Validation;

/// <summary>Bounds a batch must respect before anything of it is stored.</summary>
/// <param name="MaxBatchRows">Largest number of rows accepted in one batch.</param>
/// <param name="MaxFutureSkew">How far past "now" a timestamp may lie: clocks drift, but a sample from next year is a bug.</param>
/// <param name="MaxReportedErrors">Errors listed per rejected batch; a wholly broken file would otherwise produce one per row.</param>
public sealed record ValidationLimits(int MaxBatchRows, TimeSpan MaxFutureSkew, int MaxReportedErrors = 100)
{
    /// <summary>Earliest accepted timestamp: anything before the Unix epoch is an unset or mis-scaled clock.</summary>
    public static readonly DateTimeOffset EarliestTime = DateTimeOffset.UnixEpoch;

    public static ValidationLimits Default { get; } = new(MaxBatchRows: 100_000, MaxFutureSkew: TimeSpan.FromDays(1));
}
