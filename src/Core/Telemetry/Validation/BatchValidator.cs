using System.Text.RegularExpressions;

namespace MLOps.Core.Telemetry.Validation;

/// <summary>
/// Checks whole batches before they are stored, so a batch is either accepted as a whole or rejected
/// with every reason (row index and field) up to <see cref="ValidationLimits.MaxReportedErrors"/>.
/// Field names are the JSON property / CSV column names clients send.
/// </summary>
public static partial class BatchValidator
{
    public static IReadOnlyList<ValidationError> ValidateSamples(IReadOnlyList<TelemetrySample> samples, ValidationLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var errors = new ValidationErrorCollector(limits, now);
        if (!errors.CheckBatchSize(samples.Count))
        {
            return errors.Errors;
        }

        for (var row = 0; row < samples.Count && !errors.IsFull; row++)
        {
            var sample = samples[row];
            errors.CheckTime(row, "time", sample.Time);
            errors.RequireText(row, "service", sample.Service);
            errors.RequireText(row, "host", sample.Host);
            if (sample.Metric is null || !MetricName().IsMatch(sample.Metric))
            {
                errors.Add(row, "metric", $"'{sample.Metric}' is not a metric name (it must match {MetricNamePattern})");
            }

            if (!double.IsFinite(sample.Value))
            {
                errors.Add(row, "value", $"{sample.Value} is not a finite number");
            }
        }

        return errors.Errors;
    }

    public static IReadOnlyList<ValidationError> ValidateIncidents(IReadOnlyList<Incident> incidents, ValidationLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var errors = new ValidationErrorCollector(limits, now);
        if (!errors.CheckBatchSize(incidents.Count))
        {
            return errors.Errors;
        }

        for (var row = 0; row < incidents.Count && !errors.IsFull; row++)
        {
            var incident = incidents[row];
            errors.RequireText(row, "id", incident.Id);
            errors.RequireText(row, "service", incident.Service);
            errors.RequireText(row, "severity", incident.Severity);
            errors.RequireText(row, "source", incident.Source);
            var startValid = errors.CheckTime(row, "start", incident.Start);
            if (incident.End is { } end && errors.CheckTime(row, "end", end) && startValid)
            {
                errors.CheckOrder(row, "end", incident.Start, end);
            }
        }

        return errors.Errors;
    }

    public static IReadOnlyList<ValidationError> ValidateDeploys(IReadOnlyList<DeployEvent> deploys, ValidationLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deploys);
        var errors = new ValidationErrorCollector(limits, now);
        if (!errors.CheckBatchSize(deploys.Count))
        {
            return errors.Errors;
        }

        for (var row = 0; row < deploys.Count && !errors.IsFull; row++)
        {
            var deploy = deploys[row];
            errors.RequireText(row, "service", deploy.Service);
            errors.RequireText(row, "version", deploy.Version);
            errors.CheckTime(row, "time", deploy.Time);
        }

        return errors.Errors;
    }

    public static IReadOnlyList<ValidationError> ValidateMaintenanceWindows(IReadOnlyList<MaintenanceWindow> windows, ValidationLimits limits, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var errors = new ValidationErrorCollector(limits, now);
        if (!errors.CheckBatchSize(windows.Count))
        {
            return errors.Errors;
        }

        for (var row = 0; row < windows.Count && !errors.IsFull; row++)
        {
            var window = windows[row];
            errors.RequireText(row, "service", window.Service);
            var startValid = errors.CheckTime(row, "start", window.Start);
            if (errors.CheckTime(row, "end", window.End) && startValid)
            {
                errors.CheckOrder(row, "end", window.Start, window.End);
            }
        }

        return errors.Errors;
    }

    /// <summary>The Prometheus metric name grammar: what every exporter and query already uses.</summary>
    public const string MetricNamePattern = "^[a-zA-Z_:][a-zA-Z0-9_:]*$";

    [GeneratedRegex(MetricNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex MetricName();
}
