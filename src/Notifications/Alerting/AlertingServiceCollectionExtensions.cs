using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using MLOps.Core.Alerting;
using MLOps.Notifications.Alertmanager;
using MLOps.Notifications.Grafana;
using MLOps.Notifications.Outbox;
using MLOps.Notifications.PagerDuty;
using MLOps.Notifications.Slack;
using Polly;

namespace MLOps.Notifications.Alerting;

public static class AlertingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the alert policy ("Alerting:Policy"), the alert store, notification planning, the
    /// outbox, its dispatcher and one sender per channel ("Notifications"). Needs an
    /// <see cref="Npgsql.NpgsqlDataSource"/> registered by the host. Bad settings fail at start-up,
    /// not at the first page.
    /// </summary>
    public static IServiceCollection AddAlerting(this IServiceCollection services)
    {
        // Several parts of a host need alerting (the scoring job, the Notify activity); registering
        // twice would add every sender twice and send each message twice.
        if (services.Any(descriptor => descriptor.ServiceType == typeof(AlertStore)))
        {
            return services;
        }

        services.AddOptions<AlertPolicyOptions>()
            .BindConfiguration(AlertPolicyOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertPolicyOptions>, AlertPolicyOptionsValidator>();
        services.AddSingleton(provider => new AlertPolicy(provider.GetRequiredService<IOptions<AlertPolicyOptions>>().Value));

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
        services.AddSingleton<LifecycleNotificationPlanner>();
        services.AddSingleton<AlertOutbox>();
        services.AddTransient<OutboxDispatcher>();
        services.AddSingleton<AlertStore>();

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
