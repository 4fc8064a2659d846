using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Jobs;

/// <summary>The dashboard on a database where the worker has not yet created Hangfire's schema.</summary>
public sealed class HangfireDashboardBeforeWorkerTests(HangfireDashboardBeforeWorkerTests.FreshDatabaseHost host)
    : IClassFixture<HangfireDashboardBeforeWorkerTests.FreshDatabaseHost>
{
    [SkippableFact]
    public async Task Dashboard_AdminBeforeTheWorkerRan_Answers503ProblemUntilTheSchemaExists()
    {
        using var client = host.CreateClient(ApiRole.Admin);

        using var before = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        Assert.Equal("application/problem+json", before.Content.Headers.ContentType?.MediaType);
        var problem = await before.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Start the worker once", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        WorkerHangfireStorage.Open(host.Database.ConnectionString!);
        using var after = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [SkippableTheory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(ApiRole.Viewer, HttpStatusCode.Forbidden)]
    public async Task Dashboard_NotAnAdmin_GetsTheDashboardsOwnRefusalWhateverTheSchema(ApiRole? role, HttpStatusCode expected)
    {
        using var client = host.CreateClient(role);

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    public sealed class FreshDatabaseHost : ApiTestHost;
}
