using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MLOps.Api.Feedback;
using MLOps.Core;
using MLOps.Core.Feedback;
using MLOps.Testing.Platform;

namespace MLOps.Api.Tests.Feedback;

/// <summary>
/// The API with the Slack signing secret and two PagerDuty webhook secrets (a rotation under way) configured, a clock
/// at the documented samples' time, and Slack's response_url answered by <see cref="SlackResponses"/>.
/// </summary>
public sealed class FeedbackApiHost : ApiTestHost
{
    public const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string OldPagerDutySecret = "pd-secret-before-rotation";
    public const string NewPagerDutySecret = "pd-secret-after-rotation";

    /// <summary>The samples' episode key (see tests/Core.Tests/Feedback/Payloads/README.md).</summary>
    public const string DedupKey = "mlops/latency-anomaly/v7/checkout/20261101T1200Z";

    public const string Model = "latency-anomaly";

    /// <summary>Shortly after the samples' clicks and events, so a freshly signed request is current.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 45, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    public RecordingHandler SlackResponses { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Notifications:Slack:SigningSecret", SlackSecret);
        builder.UseSetting("Notifications:PagerDuty:WebhookSecrets:0", OldPagerDutySecret);
        builder.UseSetting("Notifications:PagerDuty:WebhookSecrets:1", NewPagerDutySecret);
        builder.UseSetting("RateLimiting:Mutations:PermitLimit", "10000");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddHttpClient<SlackResponseClient>().ConfigurePrimaryHttpMessageHandler(() => SlackResponses);
        });
    }

    /// <summary>Empties the feedback tables and stores the samples' episode (a secondary alert, still open) and another one.</summary>
    public async Task ResetAsync()
    {
        await using var dataSource = Database.CreateDataSource();
        await AlertingSchema.ResetAsync(dataSource);
        await AlertEpisodeRows.InsertAsync(dataSource, AlertEpisodeRows.Episode(DedupKey, Model, "checkout", new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), version: "7"));
        SlackResponses.Clear();
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var dataSource = Database.CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public static string Payload(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Feedback", "Payloads", name));

    public static ModelStage Stage => ModelStage.Secondary;

    public static string PagerDutySignature(string secret, string body) => PagerDutyWebhookSignature.Sign(secret, Encoding.UTF8.GetBytes(body));

    /// <summary>Answers every request 200 and keeps the bodies, in the order they came.</summary>
    public sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly List<(Uri Url, string Body)> _requests = [];

        public IReadOnlyList<(Uri Url, string Body)> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public void Clear()
        {
            lock (_requests)
            {
                _requests.Clear();
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (_requests)
            {
                _requests.Add((request.RequestUri!, body));
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("ok") };
        }
    }
}
