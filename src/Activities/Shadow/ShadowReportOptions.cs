using System.ComponentModel.DataAnnotations;

namespace MLOps.Activities.Shadow;

/// <summary>How shadow windows are judged ("ShadowReport").</summary>
public sealed class ShadowReportOptions
{
    public const string SectionName = "ShadowReport";

    /// <summary>
    /// How far ahead of an incident an alert counts as a detection: the same "incident within the
    /// horizon" the models are trained to predict.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Horizon { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long after a report's window ends it waits for the online job's scores to reach that end (they lag the
    /// clock by the ingestion delay and a pass, about two minutes) before judging on what is stored.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ScoringGrace { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The pager budget the reports' page figures count shifts over (per 12 h shift per owner).</summary>
    [Range(0, 1000)]
    public int PagesPerShift { get; set; } = 2;
}
