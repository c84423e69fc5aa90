using System.Net;
using System.Net.Sockets;

namespace Agentic.LocalServers;

/// <summary>Loopback ports nothing listens on right now, and waiting for a process started on one.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the loopback port, for a process started on it.</summary>
    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                // Polling a condition with a deadline: the process needs a moment to bind its port.
                await Task.Delay(100);
            }
        }
    }
}
