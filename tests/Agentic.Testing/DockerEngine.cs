using System.Net.Sockets;
using System.Text;

namespace Agentic.Testing;

/// <summary>Asks the Docker engine's <c>/_ping</c>; a docker CLI without an engine does not count.</summary>
public static class DockerEngine
{
    public static async Task<bool> AnswersAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            using var socket = await ConnectAsync(cancellation.Token);
            if (socket is null)
            {
                return false;
            }

            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), cancellation.Token);
            var buffer = new byte[512];
            var received = await socket.ReceiveAsync(buffer, cancellation.Token);
            var reply = Encoding.ASCII.GetString(buffer, 0, received);
            return reply.StartsWith("HTTP/1.", StringComparison.Ordinal) && reply.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private static async Task<Socket?> ConnectAsync(CancellationToken cancellationToken)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (host is { Length: > 0 } && host.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri(host.Replace("tcp://", "http://", StringComparison.OrdinalIgnoreCase));
            var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await tcp.ConnectAsync(uri.Host, uri.Port, cancellationToken);
            return tcp;
        }

        var path = host is { Length: > 0 } && host.StartsWith("unix://", StringComparison.OrdinalIgnoreCase)
            ? host["unix://".Length..]
            : "/var/run/docker.sock";
        if (!File.Exists(path))
        {
            return null;
        }

        var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await unix.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        return unix;
    }
}
