using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Agentic.AppHost.Infrastructure;

/// <summary>
/// Asks the container engine itself (Docker or Podman's <c>/_ping</c> on its socket): a <c>docker</c>
/// client on PATH with no engine behind it, as on our build machines, does not count.
/// </summary>
public static class ContainerRuntimeProbe
{
    public static async Task<bool> AnswersAsync(TimeSpan timeout)
    {
        foreach (var endpoint in CandidateEndpoints())
        {
            if (await PingAsync(endpoint, timeout))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<EndPoint> CandidateEndpoints()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (dockerHost is { Length: > 0 })
        {
            if (dockerHost.StartsWith("unix://", StringComparison.OrdinalIgnoreCase))
            {
                yield return new UnixDomainSocketEndPoint(dockerHost["unix://".Length..]);
            }
            else if (dockerHost.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase)
                     && Uri.TryCreate(dockerHost.Replace("tcp://", "http://", StringComparison.OrdinalIgnoreCase), UriKind.Absolute, out var uri))
            {
                yield return new DnsEndPoint(uri.Host, uri.Port);
            }
        }

        var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string?[] sockets =
        [
            "/var/run/docker.sock",
            runtimeDirectory is null ? null : Path.Combine(runtimeDirectory, "docker.sock"),
            "/run/podman/podman.sock",
            runtimeDirectory is null ? null : Path.Combine(runtimeDirectory, "podman", "podman.sock"),
        ];
        foreach (var socket in sockets)
        {
            if (socket is not null && File.Exists(socket))
            {
                yield return new UnixDomainSocketEndPoint(socket);
            }
        }
    }

    private static async Task<bool> PingAsync(EndPoint endpoint, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        using var socket = endpoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, cancellation.Token);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: engine\r\n\r\n"u8.ToArray(), cancellation.Token);
            var buffer = new byte[256];
            var received = await socket.ReceiveAsync(buffer, cancellation.Token);
            return Encoding.ASCII.GetString(buffer, 0, received).Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
