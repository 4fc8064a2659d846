using System.Text.RegularExpressions;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Checks a batch against what the server would refuse, before anything is sent, so a bad key fails
/// the whole call with a message naming it instead of leaving half a batch logged.
/// </summary>
public static partial class MlflowBatchValidator
{
    /// <summary>
    /// Returns the batch with params that are already logged with the same value removed (params are
    /// write-once, and re-logging an equal value must stay harmless for retries). A param that is
    /// logged twice with different values, in the batch or against <paramref name="loggedParams"/>,
    /// throws <see cref="MlflowParamConflictException"/> naming the key.
    /// </summary>
    public static MlflowBatch Prepare(
        string runId,
        MlflowBatch batch,
        IReadOnlyDictionary<string, string> loggedParams,
        MlflowLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(loggedParams);
        limits ??= MlflowLimits.Server;

        foreach (var metric in batch.Metrics)
        {
            ValidateKey("metric", metric.Key, limits);
        }

        foreach (var tag in batch.Tags)
        {
            ValidateKey("tag", tag.Key, limits);
            ValidateValue("tag", tag.Key, tag.Value, limits.MaxTagValueLength);
        }

        var pending = new Dictionary<string, string>(StringComparer.Ordinal);
        var toSend = new List<MlflowParam>();
        foreach (var param in batch.Params)
        {
            ValidateKey("param", param.Key, limits);
            ValidateValue("param", param.Key, param.Value, limits.MaxParamValueLength);
            var earlier = loggedParams.TryGetValue(param.Key, out var logged) ? logged
                : pending.TryGetValue(param.Key, out var queued) ? queued
                : null;
            if (earlier is not null)
            {
                if (earlier != param.Value)
                {
                    throw new MlflowParamConflictException(runId, param.Key, earlier, param.Value);
                }

                continue;
            }

            pending[param.Key] = param.Value;
            toSend.Add(param);
        }

        return batch with { Params = toSend };
    }

    /// <summary>MLflow's own rule: letters, digits, <c>_ - . / space</c>, and no path tricks (leading slash, empty or dot segments).</summary>
    public static void ValidateKey(string kind, string key, MlflowLimits? limits = null)
    {
        limits ??= MlflowLimits.Server;
        if (string.IsNullOrEmpty(key))
        {
            throw new MlflowInvalidParameterException($"An MLflow {kind} key must not be empty.");
        }

        if (key.Length > limits.MaxKeyLength)
        {
            throw new MlflowInvalidParameterException($"MLflow {kind} key '{key[..40]}...' is {key.Length} characters; the limit is {limits.MaxKeyLength}.");
        }

        var segments = key.Split('/');
        if (!AllowedKey().IsMatch(key) || segments.Any(segment => segment is "" or "." or ".."))
        {
            throw new MlflowInvalidParameterException(
                $"MLflow {kind} key '{key}' is not allowed: use letters, digits, '_', '-', '.', ' ' and '/' between non-empty path segments.");
        }
    }

    private static void ValidateValue(string kind, string key, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw new MlflowInvalidParameterException($"MLflow {kind} '{key}' has a value of {value.Length} characters; the limit is {maxLength}.");
        }
    }

    [GeneratedRegex(@"^[\w.\- /]+$")]
    private static partial Regex AllowedKey();
}
