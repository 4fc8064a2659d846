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
}
