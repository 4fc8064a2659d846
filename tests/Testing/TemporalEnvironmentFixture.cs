using Temporalio.Client;
using Temporalio.Testing;

namespace MLOps.Testing;

/// <summary>
/// One Temporal environment for a whole test collection, tried once, from the first of:
/// <list type="number">
/// <item><c>TEMPORAL_ADDRESS</c> (and optionally <c>TEMPORAL_NAMESPACE</c>): a running server, real time;</item>
/// <item><c>TEMPORAL_TEST_SERVER_PATH</c>: an installed Temporal test-server executable, started here (skipping time or in real time, per fixture);</item>
/// <item>the SDK's own ephemeral server, which it downloads.</item>
/// </list>
/// Where none works (no internet, no installed server) every test skips with the start-up failure as its reason,
/// on CI too: Temporal is not a dev service CI can start.
/// </summary>
public abstract class TemporalEnvironmentFixture : IAsyncLifetime
{
    private WorkflowEnvironment? _environment;
    private string? _unavailableReason;
    private string? _schedulesUnsupported;

    /// <summary>The environment, or a skip that prints why the server could not start.</summary>
    public WorkflowEnvironment Require()
    {
        Skip.If(_environment is null, $"Temporal server unavailable (set TEMPORAL_ADDRESS or TEMPORAL_TEST_SERVER_PATH): {_unavailableReason}");
        return _environment!;
    }

    /// <summary>The environment, or a skip when its server has no Schedules (Temporal's Java test server).</summary>
    public WorkflowEnvironment RequireSchedules()
    {
        var environment = Require();
        Skip.If(_schedulesUnsupported is not null, $"{Origin} has no Schedules: {_schedulesUnsupported}");
        return environment;
    }

    /// <summary>The environment of a server without Schedules, or a skip where the server has them.</summary>
    public WorkflowEnvironment RequireNoSchedules()
    {
        var environment = Require();
        Skip.If(_schedulesUnsupported is null, $"{Origin} has Schedules; this test is about a server without them");
        return environment;
    }

    /// <summary>True when time can be skipped (the test server); a real server runs in real time.</summary>
    public bool SupportsTimeSkipping { get; private set; }

    /// <summary>
    /// The JVM of Temporal's test server starts in 1-2 s on an idle machine; a loaded 2-core box can take several times
    /// that, and the SDK's default wait is shorter than that.
    /// </summary>
    protected static TimeSpan TestServerStartupTimeout { get; } = TimeSpan.FromSeconds(60);

    /// <summary>The test server to start: the installed one named by <c>TEMPORAL_TEST_SERVER_PATH</c>, else the SDK's download.</summary>
    protected static TestServerOptions TestServer() => new()
    {
        ExistingPath = Environment.GetEnvironmentVariable("TEMPORAL_TEST_SERVER_PATH") is { Length: > 0 } path ? path : null,
        StartupTimeout = TestServerStartupTimeout,
    };

    /// <summary>Where the environment came from, for skip reasons and test output.</summary>
    public string Origin { get; private set; } = "none";

    public async Task InitializeAsync()
    {
        try
        {
            if (Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS") is { Length: > 0 } address)
            {
                var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(address)
                {
                    Namespace = Environment.GetEnvironmentVariable("TEMPORAL_NAMESPACE") is { Length: > 0 } ns ? ns : "default",
                });
                _environment = new WorkflowEnvironment(client);
                Origin = $"Temporal server at {address}";
            }
            else
            {
                (_environment, SupportsTimeSkipping) = await StartEphemeralAsync();
                Origin = TestServer().ExistingPath is { } path ? $"test server {path}" : "the SDK's downloaded server";
            }

            await PrepareAsync(_environment);
            _schedulesUnsupported = await ProbeSchedulesAsync(_environment.Client);
        }
        catch (InvalidOperationException exception)
        {
            // "failed to download ephemeral server" offline; a missing TEMPORAL_ADDRESS server fails the same way.
            _unavailableReason = exception.Message;
        }
        catch (Temporalio.Exceptions.RpcException exception)
        {
            _unavailableReason = exception.Message;
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_environment is not null)
        {
            await _environment.ShutdownAsync();
        }
    }

    protected abstract Task<(WorkflowEnvironment Environment, bool SkipsTime)> StartEphemeralAsync();

    /// <summary>Null when the server lists schedules; otherwise its answer.</summary>
    private static async Task<string?> ProbeSchedulesAsync(ITemporalClient client)
    {
        try
        {
            await using var schedules = client.ListSchedulesAsync().GetAsyncEnumerator();
            await schedules.MoveNextAsync();
            return null;
        }
        catch (Temporalio.Exceptions.RpcException exception) when (exception.Code == Temporalio.Exceptions.RpcException.StatusCode.Unimplemented)
        {
            return exception.Message;
        }
    }

    /// <summary>Namespace set-up a test suite needs (search attributes, say) once the server answers.</summary>
    protected virtual Task PrepareAsync(WorkflowEnvironment environment) => Task.CompletedTask;
}

/// <summary>The time-skipping test server: a 7-day soak runs in seconds.</summary>
public class TimeSkippingTemporalFixture : TemporalEnvironmentFixture
{
    protected override async Task<(WorkflowEnvironment Environment, bool SkipsTime)> StartEphemeralAsync() =>
        (await WorkflowEnvironment.StartTimeSkippingAsync(new() { TestServer = TestServer() }), true);
}

/// <summary>
/// A server in real time: the local dev server (full features: schedules, search attributes), or, where only an
/// installed test server exists (<c>TEMPORAL_TEST_SERVER_PATH</c>), that one started here without
/// <c>--enable-time-skipping</c> (the SDK's own start always skips time, and a test whose workflows wait on the wall
/// clock, like scores arriving each minute, then sees workflow time run ahead of it). The test server has no Schedules,
/// which tests needing them check with <see cref="TemporalEnvironmentFixture.RequireSchedules"/>.
/// </summary>
public sealed class LocalTemporalFixture : TemporalEnvironmentFixture
{
    private RealTimeTestServer? _server;

    protected override async Task<(WorkflowEnvironment Environment, bool SkipsTime)> StartEphemeralAsync()
    {
        if (TestServer().ExistingPath is not { } path)
        {
            return (await WorkflowEnvironment.StartLocalAsync(), false);
        }

        _server = await RealTimeTestServer.StartAsync(path, TestServerStartupTimeout);
        return (new WorkflowEnvironment(_server.Client), false);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _server?.Dispose();
    }
}
