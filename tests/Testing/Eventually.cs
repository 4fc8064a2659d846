namespace MLOps.Testing;

/// <summary>Waits on a condition instead of sleeping a fixed time: services settle at their own pace.</summary>
public static class Eventually
{
    public static Task<T> WaitForAsync<T>(Func<Task<T?>> attempt, TimeSpan timeout, string what)
        where T : class => WaitForAsync(attempt, timeout, what, TimeSpan.FromMilliseconds(200));

    /// <summary>Tries every <paramref name="every"/>: conditions that change once a minute need not be asked five times a second.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> attempt, TimeSpan timeout, string what, TimeSpan every)
        where T : class
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await attempt() is { } result)
            {
                return result;
            }

            try
            {
                await Task.Delay(every, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }
        }
    }
}
