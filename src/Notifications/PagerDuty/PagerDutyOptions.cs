namespace MLOps.Notifications.PagerDuty;

public sealed class PagerDutyOptions
{
    public Uri BaseUrl { get; set; } = new("https://events.pagerduty.com");

    /// <summary>Events v2 integration key of the service to page. A secret: added to the body on send, never stored or logged.</summary>
    public string? RoutingKey { get; set; }

    /// <summary>
    /// Signing secrets of the v3 webhook subscription the API's PagerDuty endpoint verifies against. Several during a
    /// rotation (old and new), one otherwise; empty turns the endpoint off. Secrets: never log them.
    /// </summary>
    public IList<string> WebhookSecrets { get; } = [];
}
