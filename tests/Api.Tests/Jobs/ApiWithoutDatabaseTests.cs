using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using MLOps.Testing;

namespace MLOps.Api.Tests.Jobs;

/// <summary>The API started while PostgreSQL (and with it Hangfire's storage) cannot be reached.</summary>
public sealed class ApiWithoutDatabaseTests(ApiWithoutDatabaseTests.UnreachableDatabaseFactory factory)
    : IClassFixture<ApiWithoutDatabaseTests.UnreachableDatabaseFactory>
{
    [Fact]
    public async Task Healthz_PostgresUnreachable_StillAnswersHealthy()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_PostgresUnreachableAndNoKey_Answers401()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, string> AuthenticatedEndpoints => new()
    {
        { "GET", "/admin/keys" },
        { "POST", "/telemetry" },
        { "GET", "/models/checkout/history" },
        { "GET", "/hangfire" },
    };

    [Theory]
    [MemberData(nameof(AuthenticatedEndpoints))]
    public async Task AuthenticatedEndpoint_PostgresUnreachable_Answers503ProblemWithRetryAfter(string method, string path)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "mlops_0123456789ab_some-secret");
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method == "POST")
        {
            request.Content = new StringContent("[]", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Contains("PostgreSQL", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyRequests_PostgresUnreachable_LogTheOutageOnceWithoutStackTraces()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "mlops_0123456789ab_some-secret");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/admin/keys", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        Assert.Single(factory.Logs.Lines, line => line.Contains("PostgreSQL is unreachable", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }

    public sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
    {
        public RecordingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            // Port 1 on loopback: nothing listens there, so every connection attempt is refused at once.
            builder.UseSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Database=mlops;Username=mlops;Password=mlops;Timeout=2");
            builder.UseSetting("Storage:MigrateOnStartup", "false");
        }
    }
}
