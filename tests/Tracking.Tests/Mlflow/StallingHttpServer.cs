using System.Net.Sockets;
using System.Text;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// A loopback HTTP server whose first <c>stalledConnections</c> connections never get an answer and
/// whose later ones get a fixed JSON answer: a tracking server that hangs, then recovers. WireMock
/// cannot stand in here because it serves delayed answers one at a time, so a retry would queue
/// behind the stalled request.
/// </summary>
internal sealed class StallingHttpServer : LoopbackServer
{
    private readonly int _stalledConnections;
    private readonly string _answerBody;
    private int _accepted;

    public StallingHttpServer(int stalledConnections, string answerBody)
    {
        _stalledConnections = stalledConnections;
        _answerBody = answerBody;
        Start();
    }

    public int Accepted => Volatile.Read(ref _accepted);

    protected override void OnConnection(TcpClient connection)
    {
        if (Interlocked.Increment(ref _accepted) > _stalledConnections)
        {
            _ = AnswerAsync(connection);
        }
    }

    private async Task AnswerAsync(TcpClient connection)
    {
        var stream = connection.GetStream();
        // Read the request head; the client's GETs carry no body.
        var buffer = new byte[8192];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, Stopping.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        var body = Encoding.UTF8.GetBytes(_answerBody);
        var response = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(response, Stopping.Token);
        await stream.WriteAsync(body, Stopping.Token);
        await stream.FlushAsync(Stopping.Token);
    }
}
