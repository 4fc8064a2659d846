using MLOps.Notifications.Alertmanager;
using MLOps.Notifications.Grafana;
using MLOps.Notifications.Outbox;
using MLOps.Notifications.PagerDuty;
using MLOps.Notifications.Slack;
namespace MLOps.Notifications;

/// <summary>
/// Where alerts and annotations go; bound from the "Notifications" section. A channel without its
/// settings is off: its messages are dead-lettered in the outbox with that reason, never dropped.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    public PageChannel PageChannel { get; set; } = PageChannel.PagerDuty;

    public SlackOptions Slack { get; set; } = new();

    public PagerDutyOptions PagerDuty { get; set; } = new();

    public AlertmanagerOptions Alertmanager { get; set; } = new();

    public GrafanaOptions Grafana { get; set; } = new();

    /// <summary>MLflow UI base URL for "model version" links, e.g. http://mlflow:5000.</summary>
    public Uri? MlflowUrl { get; set; }

    public NotificationRetryOptions Retry { get; set; } = new();

    public AlertOutboxOptions Outbox { get; set; } = new();

    /// <summary>Every problem at once; messages name the configuration key, never its (secret) value.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        RequireHttpUrl(Slack.WebhookUrl, "Notifications:Slack:WebhookUrl", problems);
        RequireHttpUrl(PagerDuty.BaseUrl, "Notifications:PagerDuty:BaseUrl", problems);
        RequireHttpUrl(Alertmanager.BaseUrl, "Notifications:Alertmanager:BaseUrl", problems);
        RequireHttpUrl(Grafana.BaseUrl, "Notifications:Grafana:BaseUrl", problems);
        RequireHttpUrl(MlflowUrl, "Notifications:MlflowUrl", problems);
        if (PagerDuty.RoutingKey is { } routingKey && string.IsNullOrWhiteSpace(routingKey))
        {
            problems.Add("Notifications:PagerDuty:RoutingKey is blank.");
        }

        if (Slack.SigningSecret is { } signingSecret && string.IsNullOrWhiteSpace(signingSecret))
        {
            problems.Add("Notifications:Slack:SigningSecret is blank.");
        }

        if (PagerDuty.WebhookSecrets.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("Notifications:PagerDuty:WebhookSecrets has a blank entry.");
        }

        if (string.IsNullOrWhiteSpace(Alertmanager.AlertName))
        {
            problems.Add("Notifications:Alertmanager:AlertName is required.");
        }

        if (!string.IsNullOrWhiteSpace(Grafana.Token) && Grafana.BaseUrl is null)
        {
            problems.Add("Notifications:Grafana:Token is set but Notifications:Grafana:BaseUrl is not.");
        }

        if (!Enum.IsDefined(PageChannel))
        {
            problems.Add("Notifications:PageChannel must be PagerDuty or Alertmanager.");
        }

        if (Retry.MaxRetryAttempts is < 0 or > 10)
        {
            problems.Add("Notifications:Retry:MaxRetryAttempts must be between 0 and 10.");
        }

        if (Retry.BaseDelay < TimeSpan.Zero || Retry.AttemptTimeout <= TimeSpan.Zero || Retry.TotalTimeout < Retry.AttemptTimeout)
        {
            problems.Add("Notifications:Retry needs BaseDelay >= 0, AttemptTimeout > 0 and TotalTimeout >= AttemptTimeout.");
        }

        if (Outbox.BatchSize < 1 || Outbox.BaseBackoff <= TimeSpan.Zero || Outbox.MaxBackoff < Outbox.BaseBackoff)
        {
            problems.Add("Notifications:Outbox needs BatchSize >= 1, BaseBackoff > 0 and MaxBackoff >= BaseBackoff.");
        }

        return problems;
    }

    private static void RequireHttpUrl(Uri? url, string key, List<string> problems)
    {
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"{key} must be an absolute http or https URL.");
        }
    }
}
