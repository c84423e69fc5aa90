using Agentic.LocalServers;

namespace Agentic.Bench;

/// <summary>
/// Debian's redis-server on a free loopback port with persistence off, as the benchmarks measure it: always the
/// local binary (a container would add its network path to every figure).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly LocalRedisProcess _process;

    private RedisServer(LocalRedisProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var port = FreePort.Next();
        var server = new RedisServer(new LocalRedisProcess(port), port);
        try
        {
            await server._process.StartAsync(CancellationToken.None);
            await FreePort.WaitUntilListeningAsync(port, StartTimeout);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
