using MLOps.Core.Diagnostics;
using Npgsql;

namespace MLOps.Api.Problems;

/// <summary>
/// Whether PostgreSQL is known to be down, so an outage is logged once when it starts and once when it ends,
/// not once per request (13,500 stack traces in 30 s before). Requests report what they saw: a failure that
/// <see cref="IsOutage"/> recognises, or a successful key lookup.
/// </summary>
public sealed partial class PostgresOutage(ILogger<PostgresOutage> logger)
{
    /// <summary>What clients are told to wait; a restarted PostgreSQL accepts connections within seconds.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    private int _down;

    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>A failure that means PostgreSQL cannot be reached or cannot serve now (refused, timed out, shutting down).</summary>
    public static bool IsOutage(Exception exception) => exception is NpgsqlException { IsTransient: true };

    public void RecordFailure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogUnreachable(exception.GetType().Name, exception.Message);
        }
    }

    public void RecordSuccess()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            LogReachableAgain();
        }
    }

    [LoggerMessage(EventId = LogEvents.PostgresUnreachable, Level = LogLevel.Error, Message = "PostgreSQL is unreachable ({Error}: {Reason}); answering 503 until it is back. Logged once per outage")]
    private partial void LogUnreachable(string error, string reason);

    [LoggerMessage(EventId = LogEvents.PostgresReachableAgain, Level = LogLevel.Information, Message = "PostgreSQL is reachable again; the outage is over")]
    private partial void LogReachableAgain();
}
