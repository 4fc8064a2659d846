using System.Globalization;
using System.Text.Json.Nodes;
using MLOps.Core;
using MLOps.Core.Alerting;
using MLOps.Notifications.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace MLOps.Notifications.Alerting;

/// <summary>
/// Stores the policy's decisions and the open episodes it de-duplicates against, and enqueues the
/// notifications those decisions cause, all in one transaction: a decision is never stored without
/// its notifications, nor a notification sent for a decision that was not stored. Shadow decisions
/// are stored like the others; they just cause no notification. Recording the same decisions again
/// (a retried scoring pass) changes nothing.
/// </summary>
public sealed class AlertStore(NpgsqlDataSource dataSource, AlertNotificationPlanner planner, AlertOutbox outbox, TimeProvider time)
{
    public async Task<IReadOnlyList<OpenAlert>> LoadOpenAsync(CancellationToken cancellationToken)
    {
        await using var select = dataSource.CreateCommand(
            """
            SELECT dedup_key, model, version, stage, service, severity, incident_start, last_above_at
            FROM alert_episodes WHERE resolved_at IS NULL ORDER BY service, model, version
            """);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var open = new List<OpenAlert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            open.Add(new OpenAlert(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Enum.Parse<ModelStage>(reader.GetString(3), ignoreCase: true),
                reader.GetString(4),
                Enum.Parse<AlertSeverity>(reader.GetString(5), ignoreCase: true),
                reader.GetFieldValue<DateTimeOffset>(6),
                reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return open;
    }

    /// <summary>Returns the outbox messages enqueued (none for decisions recorded before).</summary>
    public async Task<int> RecordAsync(IReadOnlyList<AlertDecision> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var fresh = new List<AlertDecision>();
        // An episode the policy replaces (expired, stage changed) must close before its successor
        // opens: only one episode per model version and service may be open.
        foreach (var decision in decisions.OrderBy(decision => decision is ResolvedAlert ? 0 : 1))
        {
            if (await InsertDecisionAsync(connection, transaction, decision, cancellationToken))
            {
                await UpdateEpisodeAsync(connection, transaction, decision, cancellationToken);
                fresh.Add(decision);
            }
        }

        var enqueued = await outbox.EnqueueAsync(connection, transaction, planner.Plan(fresh), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return enqueued;
    }

    private async Task<bool> InsertDecisionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AlertDecision decision, CancellationToken cancellationToken)
    {
        var row = DecisionRow.Of(decision);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO alert_decisions
                (decision_key, decided_at, kind, route, model, version, stage, service, dedup_key, window_end, score, threshold, rank, details)
            VALUES (@decision_key, @decided_at, @kind, @route, @model, @version, @stage, @service, @dedup_key, @window_end, @score, @threshold, @rank, @details)
            ON CONFLICT (decision_key) DO NOTHING
            """,
            connection,
            transaction);
        insert.Parameters.AddWithValue("decision_key", row.DecisionKey);
        insert.Parameters.AddWithValue("decided_at", time.GetUtcNow());
        insert.Parameters.AddWithValue("kind", row.Kind);
        insert.Parameters.AddWithValue("route", WireName.Of(decision.Route));
        insert.Parameters.AddWithValue("model", decision.Model);
        insert.Parameters.AddWithValue("version", decision.Version);
        insert.Parameters.AddWithValue("stage", WireName.Of(decision.Stage));
        insert.Parameters.AddWithValue("service", decision.Service);
        insert.Parameters.AddWithValue("dedup_key", (object?)row.DedupKey ?? DBNull.Value);
        insert.Parameters.AddWithValue("window_end", (object?)row.Candidate?.WindowEnd ?? DBNull.Value);
        insert.Parameters.AddWithValue("score", (object?)row.Candidate?.Score ?? DBNull.Value);
        insert.Parameters.AddWithValue("threshold", (object?)row.Candidate?.Threshold ?? DBNull.Value);
        insert.Parameters.AddWithValue("rank", (object?)(decision as NewAlert)?.Rank ?? DBNull.Value);
        insert.Parameters.AddWithValue("details", NpgsqlDbType.Jsonb, row.Details.ToJsonString());
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task UpdateEpisodeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, AlertDecision decision, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        switch (decision)
        {
            case NewAlert alert:
                var episode = alert.ToOpenAlert();
                command.CommandText =
                    """
                    INSERT INTO alert_episodes (dedup_key, model, version, stage, service, severity, incident_start, last_above_at)
                    VALUES (@dedup_key, @model, @version, @stage, @service, @severity, @incident_start, @last_above_at)
                    """;
                command.Parameters.AddWithValue("dedup_key", episode.DedupKey);
                command.Parameters.AddWithValue("model", episode.Model);
                command.Parameters.AddWithValue("version", episode.Version);
                command.Parameters.AddWithValue("stage", WireName.Of(episode.Stage));
                command.Parameters.AddWithValue("service", episode.Service);
                command.Parameters.AddWithValue("severity", WireName.Of(episode.Severity));
                command.Parameters.AddWithValue("incident_start", episode.IncidentStart);
                command.Parameters.AddWithValue("last_above_at", episode.LastAboveAt);
                break;
            case DeduplicatedAlert duplicate:
                command.CommandText = "UPDATE alert_episodes SET last_above_at = GREATEST(last_above_at, @last_above_at) WHERE dedup_key = @dedup_key";
                command.Parameters.AddWithValue("dedup_key", duplicate.Episode.DedupKey);
                command.Parameters.AddWithValue("last_above_at", duplicate.LastAboveAt);
                break;
            case ResolvedAlert resolved:
                command.CommandText = "UPDATE alert_episodes SET resolved_at = @resolved_at, resolve_reason = @reason WHERE dedup_key = @dedup_key AND resolved_at IS NULL";
                command.Parameters.AddWithValue("dedup_key", resolved.Episode.DedupKey);
                command.Parameters.AddWithValue("resolved_at", resolved.ResolvedAt);
                command.Parameters.AddWithValue("reason", resolved.Reason.ToString());
                break;
            default:
                return;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The columns that differ by decision kind.</summary>
    private sealed record DecisionRow(string DecisionKey, string Kind, string? DedupKey, CandidateAlert? Candidate, JsonObject Details)
    {
        public static DecisionRow Of(AlertDecision decision) => decision switch
        {
            NewAlert alert => new(
                $"new:{alert.DedupKey}",
                "new",
                alert.DedupKey,
                alert.Alert,
                new JsonObject
                {
                    ["severity"] = WireName.Of(alert.Severity),
                    ["tier"] = alert.Tier,
                    ["priority"] = alert.Priority,
                    ["grouped_windows"] = alert.GroupedWindows,
                    ["annotations"] = new JsonArray(alert.Annotations.Select(text => (JsonNode)JsonValue.Create(text)).ToArray()),
                    ["top_features"] = AlertText.TopFeatures(alert.Alert),
                }),
            DeduplicatedAlert duplicate => new(
                $"deduplicated:{duplicate.Episode.DedupKey}:{Stamp(duplicate.LastAboveAt)}",
                "deduplicated",
                duplicate.Episode.DedupKey,
                duplicate.Alert,
                new JsonObject { ["grouped_windows"] = duplicate.GroupedWindows, ["top_features"] = AlertText.TopFeatures(duplicate.Alert) }),
            SuppressedAlert suppressed => new(
                $"suppressed:{suppressed.Model}/{suppressed.Version}/{suppressed.Service}/{Stamp(suppressed.Alert.WindowEnd)}/{suppressed.Reason}",
                "suppressed",
                null,
                suppressed.Alert,
                new JsonObject { ["reason"] = suppressed.Reason.ToString(), ["detail"] = suppressed.Detail, ["top_features"] = AlertText.TopFeatures(suppressed.Alert) }),
            ResolvedAlert resolved => new(
                $"resolved:{resolved.Episode.DedupKey}",
                "resolved",
                resolved.Episode.DedupKey,
                null,
                new JsonObject { ["reason"] = resolved.Reason.ToString(), ["resolved_at"] = JsonTimestamp.Rfc3339(resolved.ResolvedAt) }),
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision.GetType().Name, "Unknown alert decision."),
        };

        private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
    }
}
