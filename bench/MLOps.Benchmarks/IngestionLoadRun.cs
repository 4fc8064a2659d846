using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace MLOps.Benchmarks;

/// <summary>
/// Closed-loop load on <c>POST /telemetry</c>: CONNECTIONS clients each send distinct CSV batches one after the
/// other for SECONDS, as a fleet of collectors would, and the run prints rows/s and the latency percentiles of
/// acknowledged batches. Every batch is new rows (a distinct service name per batch), so the figure is the
/// first-write path, not replays answered from the idempotency check. Driven by <c>bench/probe/load.sh</c>,
/// which also checks that acknowledged rows equal stored rows.
/// </summary>
internal static class IngestionLoadRun
{
    private const string Header = "time,service,host,region,environment,metric,value\n";

    public static async Task<int> RunAsync(IngestionLoadSettings settings, TextWriter output)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Connections })
        {
            BaseAddress = settings.ApiUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);

        // A short warm-up so JIT and connection setup are not in the figures.
        await RunClientsAsync(client, settings with { Duration = TimeSpan.FromSeconds(2) }, runTag: "warmup");

        var clock = Stopwatch.StartNew();
        var results = await RunClientsAsync(client, settings, runTag: $"c{settings.Connections}");
        var elapsed = clock.Elapsed;

        var latencies = results.SelectMany(r => r.LatenciesMs).Order().ToArray();
        var failures = results.Sum(r => r.Failures);
        var rows = (long)latencies.Length * settings.RowsPerBatch;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{settings.Connections,11} {latencies.Length,9} {rows / elapsed.TotalSeconds,10:F0} {Percentile(latencies, 0.50),8:F1} {Percentile(latencies, 0.99),8:F1} {failures,8}"));
        return failures == 0 ? 0 : 1;
    }

    public static string TableHeader => "connections   batches     rows/s  p50 ms   p99 ms  non-200";

    private static async Task<ClientResult[]> RunClientsAsync(HttpClient client, IngestionLoadSettings settings, string runTag)
    {
        using var stop = new CancellationTokenSource(settings.Duration);
        var clients = Enumerable.Range(0, settings.Connections)
            .Select(index => RunClientAsync(client, settings, $"load-{runTag}-{index}", stop.Token));
        return await Task.WhenAll(clients);
    }

    private static async Task<ClientResult> RunClientAsync(HttpClient client, IngestionLoadSettings settings, string clientName, CancellationToken stop)
    {
        var result = new ClientResult();
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            using var content = new StringContent(Batch(settings.RowsPerBatch, $"{clientName}-{batch}"), Encoding.UTF8, "text/csv");
            var started = Stopwatch.GetTimestamp();
            // A batch already on the wire is finished rather than cancelled: its answer says whether it was stored.
            using var response = await client.PostAsync(new Uri("telemetry", UriKind.Relative), content, CancellationToken.None);
            var latency = Stopwatch.GetElapsedTime(started);
            if (response.IsSuccessStatusCode)
            {
                result.LatenciesMs.Add(latency.TotalMilliseconds);
            }
            else
            {
                result.Failures++;
            }
        }

        return result;
    }

    private static string Batch(int rows, string service)
    {
        var body = new StringBuilder(Header, Header.Length + (rows * 64));
        for (var row = 0; row < rows; row++)
        {
            body.Append(CultureInfo.InvariantCulture, $"2026-03-01T00:00:00Z,{service},h{row},eu,prod,up,{row % 7}\n");
        }

        return body.ToString();
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(quantile * sorted.Length) - 1)];

    private sealed class ClientResult
    {
        public List<double> LatenciesMs { get; } = [];

        public int Failures { get; set; }
    }
}

/// <summary>Arguments of <c>ingest-load</c>: where the API is, whose key, how many clients, for how long, how big a batch.</summary>
internal sealed record IngestionLoadSettings(Uri ApiUrl, string Token, int Connections, TimeSpan Duration, int RowsPerBatch);
