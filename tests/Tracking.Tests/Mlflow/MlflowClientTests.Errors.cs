using System.Net;
using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;
using MLOps.Testing;
using MLOps.Tracking.Mlflow;
using WireMock.ResponseBuilders;

namespace MLOps.Tracking.Tests.Mlflow;

public sealed partial class MlflowClientTests
{
    [Fact]
    public async Task AnyCall_UnknownPath_ThrowsEndpointErrorForTheHtml404()
    {
        // Nothing is stubbed: the server answers the recorded Flask HTML 404 (exchange 63).
        var error = await Assert.ThrowsAsync<MlflowEndpointException>(() => _client.GetRunAsync(RunId));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("Mlflow:TrackingUri", error.Message, StringComparison.Ordinal);
        Assert.Single(_mlflow.AllRequests());
    }

    [Fact]
    public async Task AnyCall_WrongMethod_ThrowsEndpointErrorForTheHtml405()
    {
        _mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Answer(64));

        var error = await Assert.ThrowsAsync<MlflowEndpointException>(() => _client.GetRunAsync(RunId));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, error.StatusCode);
    }

    [Fact]
    public async Task AnyCall_ServiceUnavailableOnce_RetriesAndSucceeds()
    {
        _mlflow.Get("runs/get").InScenario("flaky").WillSetStateTo("up").RespondWith(Unavailable());
        _mlflow.Get("runs/get").InScenario("flaky").WhenStateIs("up").RespondWith(RecordedMlflowServer.Answer(24));

        var run = await _client.GetRunAsync(RunId);

        Assert.Equal(RunId, run.Info.RunId);
        Assert.Equal(2, _mlflow.Requests("runs/get").Count);
    }

    [Fact]
    public async Task Post_TooManyRequestsOnce_RetriesWithTheSameBody()
    {
        _mlflow.Post("runs/update").InScenario("throttled").WillSetStateTo("ok")
            .RespondWith(RecordedMlflowServer.Json("""{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}""", 429));
        _mlflow.Post("runs/update").InScenario("throttled").WhenStateIs("ok").RespondWith(RecordedMlflowServer.Answer(23));

        await _client.UpdateRunAsync(RunId, MlflowRunStatus.Finished, DateTimeOffset.FromUnixTimeMilliseconds(1795652108517));

        var attempts = _mlflow.Requests("runs/update");
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].Body, attempts[1].Body);
    }

    [Fact]
    public async Task AnyCall_ServerErrorEveryTime_ThrowsTransientAfterMaxRetries()
    {
        _mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Json("""{"error_code":"INTERNAL_ERROR","message":"boom"}""", 500));

        var error = await Assert.ThrowsAsync<MlflowTransientException>(() => _client.GetRunAsync(RunId));

        Assert.Equal("INTERNAL_ERROR", error.ErrorCode);
        Assert.Equal(3, _mlflow.Requests("runs/get").Count);
    }

    [Fact]
    public async Task AnyCall_BadRequest_IsNotRetried()
    {
        _mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Answer(26));

        await Assert.ThrowsAsync<MlflowInvalidParameterException>(() => _client.GetRunAsync(RunId));

        Assert.Single(_mlflow.Requests("runs/get"));
    }

    [Fact]
    public async Task AnyCall_AttemptTimesOut_RetriesThenSucceeds()
    {
        using var server = new StallingHttpServer(stalledConnections: 1, RecordedMlflowServer.Body(24));
        var logger = new RecordingLogger<MlflowClient>();
        using var client = ClientFor(server.Url, TimeSpan.FromMilliseconds(300), maxRetries: 3, logger);

        var run = await client.GetRunAsync(RunId);

        // The stalled first connection never answers, so the answer proves a retry on a new connection.
        Assert.Equal(RunId, run.Info.RunId);
        Assert.InRange(server.Accepted, 2, 4);
        Assert.Contains(logger.Events, e => e.Id.Id == RetryEventId && e.Message.Contains("TimeoutRejectedException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnyCall_EveryAttemptTimesOut_ThrowsTransientAfterRetrying()
    {
        using var server = new StallingHttpServer(stalledConnections: int.MaxValue, RecordedMlflowServer.Body(24));
        var logger = new RecordingLogger<MlflowClient>();
        using var client = ClientFor(server.Url, TimeSpan.FromMilliseconds(200), maxRetries: 1, logger);

        var error = await Assert.ThrowsAsync<MlflowTransientException>(() => client.GetRunAsync(RunId));

        Assert.Null(error.StatusCode);
        Assert.Equal("retry 1 of 1", Assert.Single(logger.Events, e => e.Id.Id == RetryEventId).Message.Split("; ")[1].Split(" in ")[0]);
    }

    [Fact]
    public async Task AnyCall_NothingListening_ThrowsTransient()
    {
        var closedPort = _mlflow.Url;
        _mlflow.Server.Stop();
        using var client = ClientFor(closedPort, TimeSpan.FromSeconds(5), maxRetries: 1, new RecordingLogger<MlflowClient>());

        await Assert.ThrowsAsync<MlflowTransientException>(() => client.GetRunAsync(RunId));
    }

    [Fact]
    public async Task AnyCall_Forbidden_ThrowsPermissionWithoutRetry()
    {
        _mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Json("""{"error_code":"PERMISSION_DENIED","message":"Permission denied"}""", 403));

        var error = await Assert.ThrowsAsync<MlflowPermissionException>(() => _client.GetRunAsync(RunId));

        Assert.Equal("PERMISSION_DENIED", error.ErrorCode);
        Assert.Single(_mlflow.Requests("runs/get"));
    }

    [Fact]
    public async Task AnyCall_HostCheckRefusesWithPlainText403_NamesAllowedHostsNotCredentials()
    {
        // What MLflow 3.5+ answers a request whose Host it does not list (DNS-rebinding protection).
        _mlflow.Get("runs/get").RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "text/plain; charset=utf-8")
            .WithBody("Invalid Host header - possible DNS rebinding attack detected"));

        var error = await Assert.ThrowsAsync<MlflowPermissionException>(() => _client.GetRunAsync(RunId));

        Assert.Contains("--allowed-hosts", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Host '{_mlflow.Url.Authority}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid Host header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_UnauthorizedWithoutJson_ThrowsPermission()
    {
        _mlflow.Get("runs/get").RespondWith(Response.Create().WithStatusCode(401).WithHeader("WWW-Authenticate", "Basic realm=\"mlflow\"").WithBody("You are not authenticated."));

        await Assert.ThrowsAsync<MlflowPermissionException>(() => _client.GetRunAsync(RunId));
    }

    [Fact]
    public async Task AnyCall_TokenConfigured_SendsBearerAuthorization()
    {
        using var client = _mlflow.CreateClient(options => options.Token = "s3cr3t");
        _mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Answer(24));

        await client.GetRunAsync(RunId);

        Assert.Equal("Bearer s3cr3t", Assert.Single(_mlflow.Requests("runs/get")).Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task AnyCall_BasicAuthConfigured_SendsBasicAuthorization()
    {
        using var client = _mlflow.CreateClient(options =>
        {
            options.Username = "admin";
            options.Password = "password1234";
        });
        _mlflow.Get("runs/get").RespondWith(RecordedMlflowServer.Answer(24));

        await client.GetRunAsync(RunId);

        var expected = "Basic " + Convert.ToBase64String("admin:password1234"u8.ToArray());
        Assert.Equal(expected, Assert.Single(_mlflow.Requests("runs/get")).Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task GetOrCreateExperiment_CreateRefusedButStillNotFound_ThrowsInsteadOfLooping()
    {
        _mlflow.Get("experiments/get-by-name").RespondWith(RecordedMlflowServer.Answer(4));
        _mlflow.Post("experiments/create").RespondWith(RecordedMlflowServer.Answer(2));

        var error = await Assert.ThrowsAsync<MlflowNotFoundException>(() => _client.GetOrCreateExperimentAsync("ref-exp"));

        Assert.Contains("cannot be found", error.Message, StringComparison.Ordinal);
        Assert.Single(_mlflow.Requests("experiments/create"));
    }

    [Fact]
    public async Task GetOrCreateExperiment_Deleted_ThrowsInvalidParameterNamingTheFix()
    {
        _mlflow.Get("experiments/get-by-name").RespondWith(RecordedMlflowServer.Json(
            """{"experiment":{"experiment_id":"1","name":"ref-exp","lifecycle_stage":"deleted"}}"""));

        var error = await Assert.ThrowsAsync<MlflowInvalidParameterException>(() => _client.GetOrCreateExperimentAsync("ref-exp"));

        Assert.Contains("Mlflow:ExperimentName", error.Message, StringComparison.Ordinal);
    }

    private const int RetryEventId = LogEvents.MlflowRetrying;

    private static MlflowClient ClientFor(Uri trackingUri, TimeSpan timeout, int maxRetries, RecordingLogger<MlflowClient> logger) =>
        new(Options.Create(new MlflowOptions
        {
            TrackingUri = trackingUri,
            Timeout = timeout,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }), logger);
}
