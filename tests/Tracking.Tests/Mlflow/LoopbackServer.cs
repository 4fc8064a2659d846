using System.Net;
using System.Net.Sockets;

namespace MLOps.Tracking.Tests.Mlflow;

/// <summary>
/// A TCP server on a free loopback port that hands each accepted connection to <see cref="OnConnection"/>, for
/// test servers that must control the bytes on the wire (stall, or drop an answer) where WireMock cannot.
/// </summary>
internal abstract class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _connections = [];

    protected LoopbackServer()
    {
        _listener.Start();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationTokenSource Stopping { get; } = new();

    public void Dispose()
    {
        Stopping.Cancel();
        _listener.Stop();
        lock (_connections)
        {
            _connections.ForEach(connection => connection.Dispose());
        }

        DisposeServer();
        Stopping.Dispose();
    }

    /// <summary>Starts accepting; call at the end of the subclass's constructor, once its state is set.</summary>
    protected void Start() => _ = AcceptLoopAsync();

    /// <summary>Serves one connection; whatever is still open when the server is disposed is closed then.</summary>
    protected abstract void OnConnection(TcpClient connection);

    protected virtual void DisposeServer()
    {
    }

    private async Task AcceptLoopAsync()
    {
        while (!Stopping.IsCancellationRequested)
        {
            TcpClient connection;
            try
            {
                connection = await _listener.AcceptTcpClientAsync(Stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(connection);
            }

            OnConnection(connection);
        }
    }
}
