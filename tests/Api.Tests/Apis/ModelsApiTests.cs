using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MLOps.Api.Tests.Lifecycle;
using MLOps.Core;
using MLOps.Core.Lifecycle;
using MLOps.Core.Security;
using MLOps.Storage.Audit;

namespace MLOps.Api.Tests.Apis;

public sealed class ModelsApiTests(LifecycleApiHost host) : IClassFixture<LifecycleApiHost>
{
    private const string Model = LifecycleApiHost.Model;

    [SkippableFact]
    public async Task Promote_ValidRequest_SendsCommandWithKeyNameAsActor()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var reason = $"day zero {Guid.NewGuid():N}";

        using var response = await PostAsync(client, $"/models/{Model}/promote", new { reason, targetStage = "champion", expectedVersion = "4" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(host.Gateway.Commands, command => command.Command is Promote promote && promote.Reason == reason);
        Assert.Equal(new Promote("test-oncall", reason, ModelStage.Champion, "4"), sent.Command);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var state = body.RootElement.GetProperty("status").GetProperty("state");
        Assert.Equal("3", state.GetProperty("championVersion").GetString());
        Assert.Equal("shadow", state.GetProperty("candidate").GetProperty("stage").GetString());
    }

    [SkippableFact]
    public async Task Promote_WithOverrideReason_SendsItOnTheCommand()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var reason = $"launch {Guid.NewGuid():N}";

        using var response = await PostAsync(client, $"/models/{Model}/promote", new { reason, overrideReason = "  the storm was a load test  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(host.Gateway.Commands, command => command.Command is Promote promote && promote.Reason == reason);
        Assert.Equal(new Promote("test-oncall", reason) { OverrideReason = "the storm was a load test" }, sent.Command);
    }

    [SkippableTheory]
    [InlineData("promote", """{}""", "reason")]
    [InlineData("promote", """{"reason":"  "}""", "reason")]
    [InlineData("promote", """{"reason":"x","targetStage":"shadow"}""", "targetStage")]
    [InlineData("promote", """{"reason":"x","targetStage":"production"}""", "targetStage")]
    [InlineData("approve", """{"reason":"x","targetStage":"champion"}""", "targetStage")]
    [InlineData("rollback", """{"reason":"x","expectedVersion":"3"}""", "expectedVersion")]
    [InlineData("promote", """{"reason":"x","overrideReason":" "}""", "overrideReason")]
    [InlineData("approve", """{"reason":"x","overrideReason":"because"}""", "overrideReason")]
    [InlineData("rollback", """{"reason":"x","overrideReason":"because"}""", "overrideReason")]
    public async Task Command_InvalidBody_Answers400ProblemNamingTheField(string action, string body, string field)
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var before = host.Gateway.Commands.Count;

        using var response = await client.PostAsync(new Uri($"/models/{Model}/{action}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        Assert.Equal(before, host.Gateway.Commands.Count);
    }

    [SkippableFact]
    public async Task Get_InvalidModelName_Answers400Problem()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri("/models/bad%20name!", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Promote_RefusedByPolicy_Answers409WithThePolicysReason()
    {
        using var client = host.CreateClient(ApiRole.Oncall);

        using var response = await PostAsync(client, $"/models/{LifecycleApiHost.FrozenModel}/promote", new { reason = "try" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(LifecycleApiHost.RefusalReason, problem.RootElement.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Commands_UnknownModel_Answer404Problem()
    {
        using var client = host.CreateClient(ApiRole.Oncall);

        using var get = await client.GetAsync(new Uri("/models/no-such-model", UriKind.Relative));
        using var promote = await PostAsync(client, "/models/no-such-model/promote", new { reason = "x" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (get.StatusCode, promote.StatusCode));
        Assert.Equal("application/problem+json", promote.Content.Headers.ContentType?.MediaType);
    }

    [SkippableFact]
    public async Task Command_RepeatedWithSameIdempotencyKey_ReturnsStoredAnswerAndCallsTemporalOnce()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var key = Guid.NewGuid().ToString();
        var reason = $"idempotent {key}";

        using var first = await PostAsync(client, $"/models/{Model}/approve", new { reason }, key);
        using var second = await PostAsync(client, $"/models/{Model}/approve", new { reason }, key);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(host.Gateway.Commands, command => command.Command is Approve approve && approve.Reason == reason);
    }

    [SkippableFact]
    public async Task Command_SameIdempotencyKeyDifferentBody_Answers422AndDoesNotRun()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var key = Guid.NewGuid().ToString();
        using (var first = await PostAsync(client, $"/models/{Model}/reject", new { reason = $"first {key}" }, key))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await PostAsync(client, $"/models/{Model}/reject", new { reason = $"second {key}" }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(host.Gateway.Commands, command => command.Command is Reject reject && reject.Reason == $"second {key}");
    }

    [SkippableFact]
    public async Task Command_RefusedThenRepeatedWithSameKey_ReplaysThe409()
    {
        using var client = host.CreateClient(ApiRole.Oncall);
        var key = Guid.NewGuid().ToString();
        var reason = $"refused {key}";

        using var first = await PostAsync(client, $"/models/{LifecycleApiHost.FrozenModel}/rollback", new { reason }, key);
        using var second = await PostAsync(client, $"/models/{LifecycleApiHost.FrozenModel}/rollback", new { reason }, key);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Single(host.Gateway.Commands, command => command.Command is Rollback rollback && rollback.Reason == reason);
    }

    [SkippableFact]
    public async Task Retrain_KnownModel_Answers202()
    {
        using var client = host.CreateClient(ApiRole.Oncall);

        using var response = await client.PostAsync(new Uri($"/models/{Model}/retrain", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(Model, host.Gateway.Retrains);
    }

    [SkippableFact]
    public async Task List_ConfiguredModel_ListedWithItsStatus()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        var models = await client.GetFromJsonAsync<JsonElement>(new Uri("/models", UriKind.Relative));

        var checkout = models.EnumerateArray().Single(model => model.GetProperty("name").GetString() == Model);
        Assert.Equal("Shadow", checkout.GetProperty("status").GetProperty("stage").GetString());
    }

    [SkippableFact]
    public async Task History_WithAt_AnswersTheChampionAtThatTime()
    {
        var model = $"hist-{Guid.NewGuid():N}";
        var t0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var dataSource = host.Database.CreateDataSource())
        {
            var store = new LifecycleAuditStore(dataSource);
            await store.AppendAsync(Entry(model, AuditAction.Promoted, "1", t0));
            await store.AppendAsync(Entry(model, AuditAction.Promoted, "2", t0.AddDays(1)));
            await store.AppendAsync(Entry(model, AuditAction.RolledBack, "2", t0.AddDays(2)));
        }

        using var client = host.CreateClient(ApiRole.Viewer);
        var dayOne = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{model}/history?at=2026-03-02T12:00:00Z", UriKind.Relative));
        var afterRollback = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{model}/history?at=2026-03-03T00:00:00Z", UriKind.Relative));
        var all = await client.GetFromJsonAsync<JsonElement>(new Uri($"/models/{model}/history", UriKind.Relative));

        Assert.Equal("2", dayOne.GetProperty("championAt").GetString());
        Assert.Equal(2, dayOne.GetProperty("entries").GetArrayLength());
        Assert.Equal("1", afterRollback.GetProperty("championAt").GetString());
        Assert.Equal(3, all.GetProperty("entries").GetArrayLength());
        Assert.Equal("rolledBack", all.GetProperty("entries")[2].GetProperty("action").GetString());
    }

    [SkippableFact]
    public async Task History_InvalidAt_Answers400Problem()
    {
        using var client = host.CreateClient(ApiRole.Viewer);

        using var response = await client.GetAsync(new Uri($"/models/{Model}/history?at=yesterday", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static LifecycleAuditEntry Entry(string model, AuditAction action, string version, DateTimeOffset at) =>
        new(model, action, "oncall", "test", version, ModelStage.Champion, at, $"lifecycle/{model}", "run-1");

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }
}
