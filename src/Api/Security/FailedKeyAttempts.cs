using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using MLOps.Core.Diagnostics;

namespace MLOps.Api.Security;

/// <summary>Counts failed key attempts per client address in fixed windows (<see cref="FailedKeyAttemptOptions"/>).</summary>
public sealed partial class FailedKeyAttempts : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly FixedWindowStarts _windows;
    private readonly FailedKeyAttemptOptions _options;
    private readonly ILogger<FailedKeyAttempts> _logger;

    public FailedKeyAttempts(IOptions<FailedKeyAttemptOptions> options, TimeProvider time, ILogger<FailedKeyAttempts> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _windows = new FixedWindowStarts(time);
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client, partition =>
        {
            _windows.Opened(partition);
            return new FixedWindowRateLimiterOptions { PermitLimit = _options.PermitLimit, Window = _options.Window, QueueLimit = 0 };
        }));
    }

    /// <summary>True when the client has used up its failed attempts; <paramref name="retryAfter"/> is the time left in its window.</summary>
    public bool IsBlocked(string client, out TimeSpan retryAfter)
    {
        retryAfter = _windows.Left(client, _options.Window);
        return _failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };
    }

    public void RecordFailure(string client)
    {
        using var lease = _failures.AttemptAcquire(client);
        if (_failures.GetStatistics(client) is { CurrentAvailablePermits: <= 0 } && lease.IsAcquired)
        {
            // The attempt that used up the allowance: logged once per client and window, not per refused request.
            LogLimited(client, _options.PermitLimit, _options.Window);
        }
    }

    public void Dispose() => _failures.Dispose();

    [LoggerMessage(EventId = LogEvents.FailedKeyAttemptsLimited, Level = LogLevel.Warning, Message = "Client {Client} made {Limit} failed API key attempts within {Window}; its requests get 429 until the window ends")]
    private partial void LogLimited(string client, int limit, TimeSpan window);
}
