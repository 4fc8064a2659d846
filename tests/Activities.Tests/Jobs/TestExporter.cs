using System.Globalization;
using System.Net;
using System.Text;
using MLOps.Testing;

namespace MLOps.Activities.Tests.Jobs;

/// <summary>
/// A minimal Prometheus exporter on the port the dev Prometheus scrapes every second as job
/// <c>test-exporter</c>. Serves one gauge per (service, host) whose value counts the scrapes.
/// </summary>
internal sealed class TestExporter : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;
    private readonly string _body;
    private int _scrapes;

    private TestExporter(HttpListener listener, string metric, string service, IReadOnlyList<string> hosts)
    {
        _listener = listener;
        _body = string.Concat(hosts.Select(host => $"{metric}{{service=\"{service}\",host=\"{host}\"}} {{0}}\n"));
        _body = $"# TYPE {metric} gauge\n" + _body;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Starts serving; waits for the port while another test run still holds it.</summary>
    public static async Task<TestExporter> StartAsync(string metric, string service, IReadOnlyList<string> hosts)
    {
        var listener = await Eventually.WaitForAsync(
            () =>
            {
                var candidate = new HttpListener();
                candidate.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{TestSettings.TestExporterPort}/"));
                try
                {
                    candidate.Start();
                    return Task.FromResult<HttpListener?>(candidate);
                }
                catch (HttpListenerException)
                {
                    candidate.Close();
                    return Task.FromResult<HttpListener?>(null);
                }
            },
            TimeSpan.FromSeconds(60),
            $"port {TestSettings.TestExporterPort} to be free for the test exporter");
        return new TestExporter(listener, metric, service, hosts);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var scrape = Interlocked.Increment(ref _scrapes);
            var payload = Encoding.UTF8.GetBytes(_body.Replace("{0}", scrape.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            context.Response.ContentType = "text/plain; version=0.0.4";
            context.Response.ContentLength64 = payload.Length;
            await context.Response.OutputStream.WriteAsync(payload);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
