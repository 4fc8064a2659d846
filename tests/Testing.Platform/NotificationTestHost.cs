using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MLOps.Notifications.Alerting;
using MLOps.Notifications.Outbox;
using Npgsql;

namespace MLOps.Testing.Platform;

/// <summary>
/// The notification services as the worker registers them, pointed at a WireMock server standing in
/// for Slack, PagerDuty, Alertmanager and Grafana, on a fake clock over a real PostgreSQL database.
/// </summary>
public sealed class NotificationTestHost : IAsyncDisposable
{
    public const string SlackWebhookPath = "/services/T0000/B0000/webhooksecret";
    public const string RoutingKey = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY00";
    public const string GrafanaToken = "glsa_testtoken";
    public const string MlflowUrl = "http://mlflow.test:5000";

    private readonly ServiceProvider _services;

    private NotificationTestHost(ServiceProvider services, FakeTimeProvider time, NpgsqlDataSource dataSource)
    {
        _services = services;
        Time = time;
        DataSource = dataSource;
    }

    public FakeTimeProvider Time { get; }

    public NpgsqlDataSource DataSource { get; }

    public IServiceProvider Services => _services;

    public static IConfiguration Configuration(string serverUrl, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Slack:WebhookUrl"] = serverUrl + SlackWebhookPath,
            ["Notifications:PagerDuty:BaseUrl"] = serverUrl,
            ["Notifications:PagerDuty:RoutingKey"] = RoutingKey,
            ["Notifications:Alertmanager:BaseUrl"] = serverUrl,
            ["Notifications:Grafana:BaseUrl"] = serverUrl,
            ["Notifications:Grafana:Token"] = GrafanaToken,
            ["Notifications:Grafana:DashboardUid"] = "mlops-overview",
            ["Notifications:MlflowUrl"] = MlflowUrl,
            // No waiting between in-call retries: the count of attempts is what the tests check.
            ["Notifications:Retry:BaseDelay"] = "00:00:00",
            ["Notifications:Retry:MaxRetryAttempts"] = "3",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public static ServiceProvider BuildServices(IConfiguration configuration, FakeTimeProvider time, Action<IServiceCollection>? extra = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        extra?.Invoke(services);
        services.AddAlerting();
        return services.BuildServiceProvider();
    }

    public static async Task<NotificationTestHost> StartAsync(
        PostgresDatabase database,
        string serverUrl,
        DateTimeOffset now,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? extra = null)
    {
        var dataSource = database.CreateDataSource();
        await AlertingSchema.ResetAsync(dataSource);
        var time = new FakeTimeProvider(now);
        var services = BuildServices(Configuration(serverUrl, overrides), time, collection =>
        {
            collection.AddSingleton(dataSource);
            extra?.Invoke(collection);
        });
        return new NotificationTestHost(services, time, dataSource);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Enqueues in one committed transaction, as the caller storing the decisions would.</summary>
    public async Task EnqueueAsync(IEnumerable<OutboxMessage> messages)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Get<AlertOutbox>().EnqueueAsync(connection, transaction, messages, CancellationToken.None);
        await transaction.CommitAsync();
    }

    public Task<OutboxPassResult> DispatchOnceAsync() => Get<OutboxDispatcher>().DispatchOnceAsync(CancellationToken.None);

    public Task<IReadOnlyList<OutboxRow>> RowsAsync() => OutboxRow.ReadAllAsync(DataSource);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
