using System.Text;

namespace MLOps.Activities.Tracking;

/// <summary>
/// Splits any number of metrics, params and tags into log-batch requests that each stay within
/// MLflow's per-request limits (counts per kind, total items, body size). Pure: no I/O, so the
/// splitting is tested on its own. Order within each kind is kept, so a metric's history arrives
/// in the order it was recorded and a later tag value still wins.
/// </summary>
public static class LogBatchPlanner
{
    public static IReadOnlyList<MlflowBatch> Plan(string runId, MlflowBatch batch, MlflowLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        limits ??= MlflowLimits.Server;
        var envelopeBytes = Utf8Length(MlflowClient.LogBatchBody(runId, MlflowBatch.Empty));
        var plan = new List<MlflowBatch>();
        var current = new Accumulator();

        // Params first: they are write-once, so if the server refuses one, no metric of this call has landed yet.
        foreach (var param in batch.Params)
        {
            Add(param, ItemBytes(param), static a => a.Params.Count, static (a, p) => a.Params.Add(p), limits.MaxParamsPerRequest);
        }

        foreach (var tag in batch.Tags)
        {
            Add(tag, ItemBytes(tag), static a => a.Tags.Count, static (a, t) => a.Tags.Add(t), limits.MaxTagsPerRequest);
        }

        foreach (var metric in batch.Metrics)
        {
            Add(metric, ItemBytes(metric), static a => a.Metrics.Count, static (a, m) => a.Metrics.Add(m), limits.MaxMetricsPerRequest);
        }

        if (current.Count > 0)
        {
            plan.Add(current.ToBatch());
        }

        return plan;

        void Add<T>(T item, int itemBytes, Func<Accumulator, int> countOfKind, Action<Accumulator, T> append, int maxOfKind)
        {
            if (envelopeBytes + itemBytes + 1 > limits.MaxRequestBytes)
            {
                throw new ArgumentException($"One item alone ({itemBytes} bytes) does not fit an MLflow request of {limits.MaxRequestBytes} bytes.", nameof(batch));
            }

            var fits = countOfKind(current) < maxOfKind
                && current.Count < limits.MaxItemsPerRequest
                // +1 for the comma that separates the item from the previous one of its kind.
                && envelopeBytes + current.Bytes + itemBytes + 1 <= limits.MaxRequestBytes;
            if (!fits)
            {
                plan.Add(current.ToBatch());
                current = new Accumulator();
            }

            append(current, item);
            current.Bytes += itemBytes + 1;
        }
    }

    private static int ItemBytes<T>(T item) => Utf8Length(MlflowJson.Serialize(item));

    private static int Utf8Length(string json) => Encoding.UTF8.GetByteCount(json);

    private sealed class Accumulator
    {
        public List<MlflowMetric> Metrics { get; } = [];

        public List<MlflowParam> Params { get; } = [];

        public List<MlflowTag> Tags { get; } = [];

        public int Bytes { get; set; }

        public int Count => Metrics.Count + Params.Count + Tags.Count;

        public MlflowBatch ToBatch() => new(Metrics, Params, Tags);
    }
}
