namespace MLOps.Hosting.Temporal;

/// <summary>
/// Whether the worker's Temporal client has connected, and why not yet. The connector writes it;
/// the workers and the bootstrap wait on it; the readiness check reports it.
/// </summary>
public sealed class TemporalConnectionState
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile TemporalConnectionFailure? _lastFailure;

    public bool IsConnected => _connected.Task.IsCompleted;

    /// <summary>The latest failed attempt while not connected; null before the first failure and once connected.</summary>
    public TemporalConnectionFailure? LastFailure => _lastFailure;

    /// <summary>Completes once connected; throws <see cref="OperationCanceledException"/> when the token fires first.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) => _connected.Task.WaitAsync(cancellationToken);

    public void RecordFailure(TemporalConnectionFailure failure) => _lastFailure = failure;

    public void MarkConnected()
    {
        _lastFailure = null;
        _connected.TrySetResult();
    }
}

/// <param name="Attempts">Failed attempts so far.</param>
/// <param name="Reason">The last attempt's error message.</param>
/// <param name="NextAttemptAt">When the connector tries again.</param>
public sealed record TemporalConnectionFailure(int Attempts, string Reason, DateTimeOffset NextAttemptAt);
