using System.Net.Sockets;
using System.Text;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// A loopback HTTP proxy in front of a tracking server that forwards every request and, for the call chosen with
/// <see cref="LoseAnswerOf"/>, lets the server carry it out but closes the connection instead of passing the
/// answer on: the client sees a broken connection for a call that happened. One request per connection, so a
/// dropped answer never takes a later request with it.
/// </summary>
internal sealed class AnswerLosingProxy : LoopbackServer
{
    private readonly HttpClient _upstream = new();
    private readonly Uri _target;
    private readonly Lock _gate = new();
    private (string Method, string Endpoint)? _toLose;
    private int _lost;

    public AnswerLosingProxy(Uri target)
    {
        _target = target;
        Start();
    }

    /// <summary>How many answers were lost so far.</summary>
    public int Lost => Volatile.Read(ref _lost);

    /// <summary>The next <paramref name="method"/> call of <paramref name="endpoint"/> (e.g. "runs/create") loses its answer.</summary>
    public void LoseAnswerOf(string method, string endpoint)
    {
        lock (_gate)
        {
            _toLose = (method, endpoint);
        }
    }

    protected override void OnConnection(TcpClient connection) => _ = ForwardAsync(connection);

    protected override void DisposeServer() => _upstream.Dispose();

    private async Task ForwardAsync(TcpClient connection)
    {
        using var _ = connection;
        var stream = connection.GetStream();
        var (method, target, contentType, body) = await ReadRequestAsync(stream);
        using var forward = new HttpRequestMessage(new HttpMethod(method), new Uri(_target, target.TrimStart('/')));
        if (body.Length > 0 || method is "POST" or "DELETE")
        {
            forward.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                forward.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        using var answer = await _upstream.SendAsync(forward, Stopping.Token);
        var answerBody = await answer.Content.ReadAsByteArrayAsync(Stopping.Token);
        if (TakeLoss(method, target.Split('?')[0]))
        {
            // The server did it; the client never hears. Closing without a byte of answer is a broken connection.
            connection.Client.Close(0);
            return;
        }

        var head = $"HTTP/1.1 {(int)answer.StatusCode} {answer.ReasonPhrase}\r\nContent-Type: {answer.Content.Headers.ContentType}\r\nContent-Length: {answerBody.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Stopping.Token);
        await stream.WriteAsync(answerBody, Stopping.Token);
        await stream.FlushAsync(Stopping.Token);
    }

    private async Task<(string Method, string Target, string? ContentType, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, Stopping.Token);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before sending a request.");
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var lines = Encoding.ASCII.GetString([.. received.Take(headEnd)]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var declared) ? int.Parse(declared, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = received.Skip(headEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(buffer, Stopping.Token);
            if (read == 0)
            {
                break;
            }

            body.AddRange(buffer.AsSpan(0, read));
        }

        return (requestLine[0], requestLine[1], headers.GetValueOrDefault("Content-Type"), [.. body]);
    }

    private static int IndexOfHeadEnd(List<byte> received)
    {
        for (var i = 0; i + 3 < received.Count; i++)
        {
            if (received[i] == '\r' && received[i + 1] == '\n' && received[i + 2] == '\r' && received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private bool TakeLoss(string method, string path)
    {
        lock (_gate)
        {
            if (_toLose is not { } chosen || chosen.Method != method || !path.EndsWith("/" + chosen.Endpoint, StringComparison.Ordinal))
            {
                return false;
            }

            _toLose = null;
            Interlocked.Increment(ref _lost);
            return true;
        }
    }
}
