using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace MLOps.Activities.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers alert notification planning, the outbox, its dispatcher and one sender per channel
    /// from the "Notifications" section. Needs an <see cref="Npgsql.NpgsqlDataSource"/> registered by
    /// the host. Bad settings fail at start-up, not at the first page.
    /// </summary>
    public static IServiceCollection AddAlertNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<AlertLinks>();
        services.AddSingleton<SlackMessageBuilder>();
        services.AddSingleton<PagerDutyEventBuilder>();
        services.AddSingleton<AlertmanagerAlertBuilder>();
        services.AddSingleton<GrafanaAnnotationBuilder>();
        services.AddSingleton<AlertNotificationPlanner>();
        services.AddSingleton<AlertOutbox>();
        services.AddTransient<OutboxDispatcher>();

        // The webhook URL is the Slack credential, and the HttpClient factory's request logging
        // writes full URLs; this client logs nothing.
        AddSender<SlackWebhookSender>(services).RemoveAllLoggers();
        AddSender<PagerDutySender>(services);
        AddSender<AlertmanagerSender>(services);
        AddSender<GrafanaAnnotationSender>(services);
        return services;
    }

    private static IHttpClientBuilder AddSender<TSender>(IServiceCollection services)
        where TSender : class, INotificationSender
    {
        services.AddTransient<INotificationSender>(provider => provider.GetRequiredService<TSender>());
        var builder = services.AddHttpClient<TSender>();
        builder.AddResilienceHandler("notifications", static (pipeline, context) =>
        {
            var retry = context.ServiceProvider.GetRequiredService<IOptions<NotificationOptions>>().Value.Retry;
            pipeline.AddTimeout(retry.TotalTimeout);
            // Polly requires at least one retry; zero means "leave every retry to the outbox".
            if (retry.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    // Transient means 408, 429, 5xx, connection failures and attempt timeouts; a 4xx is final.
                    MaxRetryAttempts = retry.MaxRetryAttempts,
                    Delay = retry.BaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
            }

            pipeline.AddTimeout(retry.AttemptTimeout);
        });
        return builder;
    }
}
