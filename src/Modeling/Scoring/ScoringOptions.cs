using System.ComponentModel.DataAnnotations;

namespace MLOps.Modeling.Scoring;

/// <summary>The online scoring job's settings ("Scoring").</summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Scoring";

    /// <summary>Cron of the scoring pass (Hangfire syntax).</summary>
    [Required]
    public string Schedule { get; set; } = "* * * * *";

    /// <summary>Cron of the outbox delivery pass.</summary>
    [Required]
    public string DispatchSchedule { get; set; } = "* * * * *";

    /// <summary>
    /// Telemetry read before the scored minute: the longest rolling window (60 min) plus the minutes
    /// first differences look back, so the last row's features equal the ones training saw.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Lookback { get; set; } = TimeSpan.FromMinutes(65);

    /// <summary>How late telemetry arrives: the scored minute is the newest complete one this long ago.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan IngestionDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back deploys are read, so "minutes since deploy" sees the last deploy before the window.</summary>
    [Range(typeof(TimeSpan), "00:15:00", "30.00:00:00")]
    public TimeSpan DeployHistory { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Services read and featurized per query, bounding the memory one pass holds.</summary>
    [Range(1, 100_000)]
    public int ServiceBatchSize { get; set; } = 500;
}
