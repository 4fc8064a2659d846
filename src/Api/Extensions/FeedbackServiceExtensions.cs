using Microsoft.Extensions.DependencyInjection.Extensions;
using MLOps.Api.Apis;
using MLOps.Api.Feedback;
using MLOps.Notifications;
using MLOps.Storage;
using Prometheus;

namespace MLOps.Api.Extensions;

/// <summary>Registers on-call feedback: verdicts, the Slack and PagerDuty webhooks, their stores and metrics.</summary>
internal static class FeedbackServiceExtensions
{
    public static WebApplicationBuilder AddFeedbackApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The worker's section: the webhook secrets sit next to the secrets alerts are sent with. Read per request
        // (IOptionsMonitor), so a rotated secret applies without a restart.
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMetricFactory>(Metrics.DefaultFactory);
        services.AddAlertFeedbackStorage();
        services.AddSingleton<FeedbackMetrics>();
        services.AddSingleton<FeedbackLog>();
        services.AddSingleton<VerdictRecorder>();
        // Slack wants the interaction answered within 3 seconds; the message update must fit inside that. No request
        // logging: it would write the response_url, which lets anyone post into the thread for 30 minutes.
        services.AddHttpClient<SlackResponseClient>(client => client.Timeout = TimeSpan.FromSeconds(2)).RemoveAllLoggers();
        return builder;
    }

    public static WebApplication MapFeedbackEndpoints(this WebApplication app)
    {
        app.MapAlertsApi();
        app.MapWebhooksApi();
        return app;
    }
}
