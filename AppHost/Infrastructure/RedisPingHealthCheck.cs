using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agentic.AppHost.Infrastructure;

/// <summary>Healthy when the local redis-server answers PING on its endpoint.</summary>
public sealed class RedisPingHealthCheck(EndpointReference endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            await socket.SendAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[64];
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            var reply = Encoding.ASCII.GetString(buffer, 0, received);
            return reply.StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"PING answered '{reply.Trim()}'");
        }
        catch (SocketException exception)
        {
            return HealthCheckResult.Unhealthy("redis-server does not answer", exception);
        }
    }
}
