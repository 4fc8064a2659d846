using MLOps.Hosting.Temporal;

namespace MLOps.Hosting.Tests.Temporal;

public class TemporalRetryTests
{
    private static readonly TemporalOptions Fast = new() { RetryDelay = TimeSpan.FromMilliseconds(1), MaximumRetryDelay = TimeSpan.FromMilliseconds(2) };

    [Fact]
    public async Task ExecuteAsync_CancellationNotFromTheCaller_IsRetriedLikeAnyFailure()
    {
        var attempts = 0;
        var retry = TemporalRetry.Create(Fast, TimeProvider.System, _ => ValueTask.CompletedTask);

        await retry.ExecuteAsync(
            _ => ++attempts < 3 ? throw new TaskCanceledException("an attempt timed out") : ValueTask.CompletedTask,
            CancellationToken.None);

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_StopsRetryingAndThrowsCancellation()
    {
        using var stopping = new CancellationTokenSource();
        var attempts = 0;
        var retry = TemporalRetry.Create(Fast, TimeProvider.System, _ => ValueTask.CompletedTask);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.ExecuteAsync(
            token =>
            {
                attempts++;
                stopping.Cancel();
                token.ThrowIfCancellationRequested();
                return ValueTask.CompletedTask;
            },
            stopping.Token).AsTask());

        Assert.Equal(1, attempts);
    }
}
