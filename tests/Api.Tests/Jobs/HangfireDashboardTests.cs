using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using MLOps.Core.Security;

namespace MLOps.Api.Tests.Jobs;

/// <summary>
/// The Hangfire dashboard at /hangfire reads the worker's Hangfire storage (PostgreSQL). The fixture
/// prepares Hangfire's schema the way the worker's storage does when the worker starts.
/// </summary>
public sealed class HangfireDashboardTests(HangfireDashboardTests.DashboardHost host) : IClassFixture<HangfireDashboardTests.DashboardHost>
{
    [SkippableFact]
    public async Task Dashboard_AdminKey_ServesTheDashboard()
    {
        using var client = host.CreateClient(ApiRole.Admin);

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("MLOps jobs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Dashboard_AdminKey_ShowsAJobTheWorkerEnqueued()
    {
        using var client = host.CreateClient(ApiRole.Admin);
        var jobId = new BackgroundJobClient(WorkerHangfireStorage.Open(host.Database.ConnectionString!)).Enqueue(() => Console.WriteLine("enqueued by the worker"));

        using var response = await client.GetAsync(new Uri($"/hangfire/jobs/details/{jobId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("enqueued by the worker", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Stats_AdminKeyGet_Answers405ProblemNotA500()
    {
        using var client = host.CreateClient(ApiRole.Admin);

        using var response = await client.GetAsync(new Uri("/hangfire/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [SkippableFact]
    public async Task Stats_AdminKeyPostWithoutAForm_Answers415Problem()
    {
        using var client = host.CreateClient(ApiRole.Admin);
        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/hangfire/stats", UriKind.Relative), json);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Stats_AdminKeyPostForm_AnswersTheMetrics()
    {
        using var client = host.CreateClient(ApiRole.Admin);
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("metrics[]", "enqueued:count")]);

        using var response = await client.PostAsync(new Uri("/hangfire/stats", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task DeleteJob_AdminKey_DeletesTheJob()
    {
        using var client = host.CreateClient(ApiRole.Admin);
        var storage = WorkerHangfireStorage.Open(host.Database.ConnectionString!);
        var jobId = new BackgroundJobClient(storage).Enqueue(() => Console.WriteLine("to be deleted by an admin"));

        using var response = await client.PostAsync(new Uri("/hangfire/jobs/enqueued/delete", UriKind.Relative), Form(jobId));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Deleted", JobState(storage, jobId));
    }

    [SkippableFact]
    public async Task DeleteJob_OncallKey_Answers403AndLeavesTheJob()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var storage = WorkerHangfireStorage.Open(host.Database.ConnectionString!);
        var jobId = new BackgroundJobClient(storage).Enqueue(() => Console.WriteLine("kept from on-call"));

        using var response = await client.PostAsync(new Uri("/hangfire/jobs/enqueued/delete", UriKind.Relative), Form(jobId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Enqueued", JobState(storage, jobId));
    }

    [SkippableFact]
    public async Task Dashboard_NoKey_Answers401WithTheApiKeyChallenge()
    {
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer realm=\"mlops\"", response.Headers.WwwAuthenticate.ToString());
    }

    [SkippableFact]
    public async Task Dashboard_UnknownKey_Answers401()
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", "mlops_not-a-key");

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static FormUrlEncodedContent Form(string jobId) => new([new KeyValuePair<string, string>("jobs[]", jobId)]);

    private static string? JobState(JobStorage storage, string jobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    public sealed class DashboardHost : ApiTestHost
    {
        protected override void ConfigureHost(IWebHostBuilder builder) => WorkerHangfireStorage.Open(Database.ConnectionString!);
    }
}
