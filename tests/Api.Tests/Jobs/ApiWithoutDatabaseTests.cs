using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

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

    public sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Port 1 on loopback: nothing listens there, so every connection attempt is refused at once.
            builder.UseSetting("ConnectionStrings:Postgres", "Host=127.0.0.1;Port=1;Database=mlops;Username=mlops;Password=mlops;Timeout=2");
            builder.UseSetting("Storage:MigrateOnStartup", "false");
        }
    }
}
