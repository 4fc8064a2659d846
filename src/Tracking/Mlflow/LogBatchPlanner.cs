using System.Text;

namespace MLOps.Tracking.Mlflow;

/// <summary>
/// Splits any number of metrics, params and tags into log-batch requests that each stay within
/// MLflow's per-request limits (counts per kind, total items, body size). Pure: no I/O, so the
/// splitting is tested on its own. Each request takes as much as fits from every kind, so the number
/// of requests is set by the kind that needs the most; order within each kind is kept, so a metric's
/// history arrives in the order it was recorded and a later tag value still wins.
/// </summary>
public static class LogBatchPlanner
{
    public static IReadOnlyList<MlflowBatch> Plan(string runId, MlflowBatch batch, MlflowLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        limits ??= MlflowLimits.Server;
        var envelopeBytes = Utf8Length(MlflowClient.LogBatchBody(runId, MlflowBatch.Empty));
        var parameters = new Queue<MlflowParam>(batch.Params);
        var tags = new Queue<MlflowTag>(batch.Tags);
        var metrics = new Queue<MlflowMetric>(batch.Metrics);
        var plan = new List<MlflowBatch>();

        while (parameters.Count + tags.Count + metrics.Count > 0)
        {
            var request = new Request(envelopeBytes, limits);
            request.Fill(parameters, request.Params, limits.MaxParamsPerRequest);
            request.Fill(tags, request.Tags, limits.MaxTagsPerRequest);
            request.Fill(metrics, request.Metrics, limits.MaxMetricsPerRequest);
            if (request.Count == 0)
            {
                // Not even one item fits an empty request; no split can send it.
                throw new ArgumentException(
                    $"An item of the batch for run {runId} does not fit an MLflow request of {limits.MaxRequestBytes} bytes on its own.", nameof(batch));
            }

            plan.Add(new MlflowBatch(request.Metrics, request.Params, request.Tags));
        }

        return plan;
    }

    private static int Utf8Length(string json) => Encoding.UTF8.GetByteCount(json);

    private sealed class Request(int envelopeBytes, MlflowLimits limits)
    {
        private int _bytes = envelopeBytes;

        public List<MlflowMetric> Metrics { get; } = [];

        public List<MlflowParam> Params { get; } = [];

        public List<MlflowTag> Tags { get; } = [];

        public int Count => Metrics.Count + Params.Count + Tags.Count;

        public void Fill<T>(Queue<T> pending, List<T> into, int maxOfKind)
        {
            while (pending.Count > 0 && into.Count < maxOfKind && Count < limits.MaxItemsPerRequest)
            {
                // Measured as serialized, escapes included, plus the comma that separates it from its neighbour.
                var itemBytes = Utf8Length(MlflowJson.Serialize(pending.Peek())) + 1;
                if (_bytes + itemBytes > limits.MaxRequestBytes)
                {
                    return;
                }

                into.Add(pending.Dequeue());
                _bytes += itemBytes;
            }
        }
    }
}
