using Agentic.Testing;

namespace Agentic.AppHost.Tests.Testing;

public class RedisServerTests
{
    [Fact]
    public async Task StartAsync_Default_AnswersPingOnLoopback()
    {
        await using var redis = await RedisServer.StartAsync();

        Assert.True(redis.IsRunning);
        Assert.True(await redis.PingAsync());
        Assert.Equal($"127.0.0.1:{redis.Port}", redis.ConnectionString);
    }

    [Fact]
    public async Task StopAsync_ThenRestartAsync_SamePortAnswersAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        var port = redis.Port;

        await redis.StopAsync();
        Assert.False(redis.IsRunning);
        Assert.False(await redis.PingAsync());

        await redis.RestartAsync();
        Assert.Equal(port, redis.Port);
        Assert.True(await redis.PingAsync());
    }

    [Fact]
    public async Task ResolveAsync_NoDockerEngineHere_UsesLocalProcess()
    {
        // This machine and CI have a docker client but no engine: the binary path must be taken.
        var expected = await DockerEngine.AnswersAsync(TimeSpan.FromSeconds(2)) ? ServerMode.Container : ServerMode.LocalProcess;

        await using var redis = await RedisServer.StartAsync();

        Assert.Equal(expected, redis.Mode);
    }

    [Fact]
    public async Task DisposeAsync_RunningServer_StopsAnswering()
    {
        var redis = await RedisServer.StartAsync();
        var port = redis.Port;

        await redis.DisposeAsync();

        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => socket.ConnectAsync("127.0.0.1", port));
    }
}
