using System.Collections.Concurrent;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Storage.Telemetry;

/// <summary>
/// Creates the monthly partitions of <c>telemetry_samples</c> that an incoming batch needs. Months already
/// seen by this process are remembered, so a steady stream of current data costs no extra round trip.
/// </summary>
public sealed class TelemetryPartitions
{
    private readonly ConcurrentDictionary<DateTime, bool> _known = new();

    /// <summary>Ensures partitions exist, in their own short transaction outside the batch's: an empty partition is harmless.</summary>
    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<DateTimeOffset> times, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(times);
        var missing = new HashSet<DateTime>();
        foreach (var time in times)
        {
            var utc = time.UtcDateTime;
            var month = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            if (!_known.ContainsKey(month))
            {
                missing.Add(month);
            }
        }

        foreach (var month in missing)
        {
            await using var command = new NpgsqlCommand("SELECT ensure_telemetry_partition(@month)", connection);
            command.Parameters.AddWithValue("month", NpgsqlDbType.TimestampTz, month);
            await command.ExecuteNonQueryAsync(cancellationToken);
            _known.TryAdd(month, true);
        }
    }
}
