using System.ComponentModel.DataAnnotations;

namespace MLOps.Hosting.Temporal;

/// <summary>
/// Connection and task queues (configuration section <c>Temporal</c>). Without <see cref="Address"/>
/// the worker runs without Temporal: scoring and ingestion keep working.
/// </summary>
public sealed class TemporalOptions
{
    public const string Section = "Temporal";

    /// <summary>host:port of the Temporal frontend, e.g. <c>localhost:7233</c>; empty disables Temporal.</summary>
    public string? Address { get; set; }

    [Required]
    public string Namespace { get; set; } = "default";

    /// <summary>Control plane: workflows and light activities.</summary>
    [Required]
    public string TaskQueue { get; set; } = "mlops-control";

    /// <summary>CPU-heavy snapshot, training and evaluation activities, scaled apart from the control plane.</summary>
    [Required]
    public string TrainingTaskQueue { get; set; } = "mlops-training";

    /// <summary>API key for Temporal Cloud; requires <see cref="Tls"/>.</summary>
    public string? ApiKey { get; set; }

    public bool Tls { get; set; }

    /// <summary>How long in-flight activities get to finish when the worker stops.</summary>
    public TimeSpan GracefulShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Wait before the first retry while Temporal cannot be reached (connecting, restarting a worker,
    /// registering schedules); it doubles with every failure up to <see cref="MaximumRetryDelay"/>.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two retries, so a server that comes back is found within this time.</summary>
    public TimeSpan MaximumRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public bool Enabled => !string.IsNullOrWhiteSpace(Address);
}
