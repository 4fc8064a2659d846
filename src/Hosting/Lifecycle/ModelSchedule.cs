using System.ComponentModel.DataAnnotations;

namespace MLOps.Hosting.Lifecycle;

/// <summary>One model's nightly retrain.</summary>
public sealed class ModelSchedule
{
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Standard 5-field cron in <see cref="TimeZone"/>.</summary>
    [Required]
    public string Cron { get; set; } = "0 2 * * *";

    /// <summary>IANA time zone the cron is read in, e.g. <c>Europe/Berlin</c>.</summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Random delay added to each run so many models do not train at the same second.</summary>
    public TimeSpan Jitter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A run missed while Temporal was down still starts if it is at most this late.</summary>
    public TimeSpan CatchupWindow { get; set; } = TimeSpan.FromHours(2);

    public TimeSpan TrainingWindow { get; set; } = TimeSpan.FromDays(30);

    public int Seed { get; set; } = 42;
}
