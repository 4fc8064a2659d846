using System.Text.RegularExpressions;

namespace MLOps.Core.Telemetry.Validation;

/// <summary>
/// Checks whole batches before they are stored, so a batch is either accepted as a whole or rejected
/// with every reason (row index and field) up to <see cref="ValidationLimits.MaxReportedErrors"/>.
/// Field names are the JSON property / CSV column names clients send.
/// </summary>
public static partial class BatchValidator
{
    /// <summary>The Prometheus metric name grammar: what every exporter and query already uses.</summary>
    public const string MetricNamePattern = "^[a-zA-Z_:][a-zA-Z0-9_:]*$";

    public static IReadOnlyList<ValidationError> ValidateSamples(IReadOnlyList<TelemetrySample> samples, ValidationLimits limits, DateTimeOffset now) =>
        Validate(samples, limits, now, static (errors, row, sample) =>
        {
            errors.CheckTime(row, "time", sample.Time);
            errors.RequireText(row, "service", sample.Service);
            errors.RequireText(row, "host", sample.Host);
            errors.CheckText(row, "region", sample.Region);
            errors.CheckText(row, "environment", sample.Environment);
            if (sample.Metric is null || sample.Metric.Length > TextLimits.KeyChars || !MetricName().IsMatch(sample.Metric))
            {
                errors.Add(row, "metric", $"{ValueExcerpt.Quote(sample.Metric)} is not a metric name (it must match {MetricNamePattern}, at most {TextLimits.KeyChars} characters)");
            }

            if (!double.IsFinite(sample.Value))
            {
                errors.Add(row, "value", $"{sample.Value} is not a finite number");
            }
        });

    public static IReadOnlyList<ValidationError> ValidateIncidents(IReadOnlyList<Incident> incidents, ValidationLimits limits, DateTimeOffset now) =>
        Validate(incidents, limits, now, static (errors, row, incident) =>
        {
            errors.RequireText(row, "id", incident.Id);
            errors.RequireText(row, "service", incident.Service);
            errors.RequireText(row, "severity", incident.Severity);
            errors.RequireText(row, "source", incident.Source);
            errors.CheckText(row, "title", incident.Title, TextLimits.FreeTextChars);
            errors.CheckPeriod(row, incident.Start, incident.End);
        });

    public static IReadOnlyList<ValidationError> ValidateDeploys(IReadOnlyList<DeployEvent> deploys, ValidationLimits limits, DateTimeOffset now) =>
        Validate(deploys, limits, now, static (errors, row, deploy) =>
        {
            errors.RequireText(row, "service", deploy.Service);
            errors.RequireText(row, "version", deploy.Version);
            errors.CheckText(row, "commit", deploy.Commit);
            errors.CheckTime(row, "time", deploy.Time);
        });

    public static IReadOnlyList<ValidationError> ValidateMaintenanceWindows(IReadOnlyList<MaintenanceWindow> windows, ValidationLimits limits, DateTimeOffset now) =>
        Validate(windows, limits, now, static (errors, row, window) =>
        {
            errors.RequireText(row, "service", window.Service);
            errors.CheckText(row, "reason", window.Reason, TextLimits.FreeTextChars);
            errors.CheckPeriod(row, window.Start, window.End);
        });

    private static IReadOnlyList<ValidationError> Validate<T>(IReadOnlyList<T> rows, ValidationLimits limits, DateTimeOffset now, Action<ValidationErrorCollector, int, T> checkRow)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new ValidationErrorCollector(limits, now);
        if (!errors.CheckBatchSize(rows.Count))
        {
            return errors.Errors;
        }

        for (var row = 0; row < rows.Count && !errors.IsFull; row++)
        {
            // A JSON array may hold null where a row should be ("[null]"): reject it rather than dereference it.
            if (rows[row] is not { } record)
            {
                errors.Add(row, ValidationError.RowField, "is null; every row must be an object");
                continue;
            }

            checkRow(errors, row, record);
        }

        return errors.Errors;
    }

    [GeneratedRegex(MetricNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex MetricName();
}
