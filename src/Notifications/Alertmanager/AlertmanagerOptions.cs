namespace MLOps.Notifications.Alertmanager;

public sealed class AlertmanagerOptions
{
    /// <summary>e.g. http://alertmanager:9093; alerts go to <c>/api/v2/alerts</c>.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The <c>alertname</c> label Alertmanager routes on.</summary>
    public string AlertName { get; set; } = "MLOpsAnomaly";
}
