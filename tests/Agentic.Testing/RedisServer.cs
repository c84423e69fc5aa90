using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Agentic.LocalServers;

namespace Agentic.Testing;

/// <summary>
/// A real Redis server for tests: a container when a Docker engine answers, the local
/// <c>redis-server</c> otherwise (see <see cref="TestServerModes"/>). It keeps its loopback port across
/// <see cref="StopAsync"/> and <see cref="RestartAsync"/>, so outage tests see the same address come back.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly IRedisBackend _backend;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _running;

    private RedisServer(ServerMode mode, int port, IRedisBackend backend)
    {
        Mode = mode;
        Port = port;
        _backend = backend;
    }

    public ServerMode Mode { get; }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string (<c>host:port</c>).</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    public bool IsRunning => _running;

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var mode = await TestServerModes.ResolveAsync();
        var port = FreePort.Next();
        IRedisBackend backend = mode == ServerMode.Container
            ? new RedisContainerBackend(port)
            : new RedisProcessBackend(new LocalRedisProcess(port));
        var server = new RedisServer(mode, port, backend);
        try
        {
            await server.RestartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server (clients see connection failures); the port stays reserved for a restart.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _backend.StopAsync(cancellationToken);
            _running = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts the server again on the same port (stopping it first if it runs) and waits for PING.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_running)
            {
                await _backend.StopAsync(cancellationToken);
                _running = false;
            }

            await _backend.StartAsync(cancellationToken);
            await WaitForPingAsync(cancellationToken);
            _running = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends PING over a fresh connection; true when the server answers PONG.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(Host, Port, cancellationToken);
            await socket.SendAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[64];
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, received).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _backend.DisposeAsync();
        _running = false;
        _gate.Dispose();
    }

    private async Task WaitForPingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (!await PingAsync(timeout.Token))
        {
            // Polling a condition with a deadline: the server needs a moment to bind its port.
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
        }
    }
}
