using Temporalio.Client;
using Temporalio.Testing;

namespace MLOps.Testing;

/// <summary>
/// One Temporal environment for a whole test collection, tried once. <c>TEMPORAL_ADDRESS</c> (and
/// optionally <c>TEMPORAL_NAMESPACE</c>) points at a running server; otherwise the SDK's ephemeral
/// server is started, which needs a download. Where neither works (no internet, as here) every test
/// skips with the start-up failure as its reason, on CI too: Temporal is not a dev service CI can start.
/// </summary>
public abstract class TemporalEnvironmentFixture : IAsyncLifetime
{
    private WorkflowEnvironment? _environment;
    private string? _unavailableReason;

    /// <summary>The environment, or a skip that prints why the server could not start.</summary>
    public WorkflowEnvironment Require()
    {
        Skip.If(_environment is null, $"Temporal server unavailable: {_unavailableReason}");
        return _environment!;
    }

    /// <summary>True when time can be skipped (the ephemeral test server); a real server runs in real time.</summary>
    public bool SupportsTimeSkipping { get; private set; }

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
            }
            else
            {
                (_environment, SupportsTimeSkipping) = await StartEphemeralAsync();
            }

            await PrepareAsync(_environment);
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

    public async Task DisposeAsync()
    {
        if (_environment is not null)
        {
            await _environment.ShutdownAsync();
        }
    }

    protected abstract Task<(WorkflowEnvironment Environment, bool SkipsTime)> StartEphemeralAsync();

    /// <summary>Namespace set-up a test suite needs (search attributes, say) once the server answers.</summary>
    protected virtual Task PrepareAsync(WorkflowEnvironment environment) => Task.CompletedTask;
}

/// <summary>The time-skipping test server: a 7-day soak runs in seconds.</summary>
public class TimeSkippingTemporalFixture : TemporalEnvironmentFixture
{
    protected override async Task<(WorkflowEnvironment Environment, bool SkipsTime)> StartEphemeralAsync() =>
        (await WorkflowEnvironment.StartTimeSkippingAsync(), true);
}

/// <summary>The local dev server: full features (schedules, search attributes), real time.</summary>
public sealed class LocalTemporalFixture : TemporalEnvironmentFixture
{
    protected override async Task<(WorkflowEnvironment Environment, bool SkipsTime)> StartEphemeralAsync() =>
        (await WorkflowEnvironment.StartLocalAsync(), false);
}
