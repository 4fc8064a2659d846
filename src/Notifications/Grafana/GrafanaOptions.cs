namespace MLOps.Notifications.Grafana;

public sealed class GrafanaOptions
{
    /// <summary>e.g. http://grafana:3000; annotations go to <c>/api/annotations</c> and alert links point here.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Service-account token (<c>glsa_...</c>) sent as a bearer token. A secret: never log it.</summary>
    public string? Token { get; set; }

    /// <summary>The dashboard that alert links open and annotations attach to; without it annotations are organization-wide.</summary>
    public string? DashboardUid { get; set; }
}
