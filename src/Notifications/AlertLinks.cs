using System.Globalization;
using Microsoft.Extensions.Options;

namespace MLOps.Notifications;

/// <summary>Builds the Grafana and MLflow links that alerts carry, when those URLs are configured.</summary>
public sealed class AlertLinks(IOptions<NotificationOptions> options)
{
    // Wide enough to show the lead-up to the anomaly and the minutes after it.
    private static readonly TimeSpan DashboardMargin = TimeSpan.FromMinutes(30);

    private readonly NotificationOptions _options = options.Value;

    public Uri? Dashboard(string service, DateTimeOffset at)
    {
        if (_options.Grafana.BaseUrl is not { } grafana || string.IsNullOrWhiteSpace(_options.Grafana.DashboardUid))
        {
            return null;
        }

        var from = JsonTimestamp.UnixMilliseconds(at - DashboardMargin);
        var to = JsonTimestamp.UnixMilliseconds(at + DashboardMargin);
        return new Uri(grafana, string.Create(
            CultureInfo.InvariantCulture,
            $"d/{Uri.EscapeDataString(_options.Grafana.DashboardUid)}?var-service={Uri.EscapeDataString(service)}&from={from}&to={to}"));
    }

    public Uri? ModelVersion(string model, string version) =>
        _options.MlflowUrl is { } mlflow
            ? new Uri(mlflow, $"#/models/{Uri.EscapeDataString(model)}/versions/{Uri.EscapeDataString(version)}")
            : null;

    public IReadOnlyList<AlertLink> For(string service, string model, string version, DateTimeOffset at)
    {
        var links = new List<AlertLink>();
        if (Dashboard(service, at) is { } dashboard)
        {
            links.Add(new AlertLink(dashboard, "Grafana dashboard"));
        }

        if (ModelVersion(model, version) is { } modelVersion)
        {
            links.Add(new AlertLink(modelVersion, $"MLflow {model} v{version}"));
        }

        return links;
    }
}
