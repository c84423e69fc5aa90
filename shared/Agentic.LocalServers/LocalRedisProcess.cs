using System.Diagnostics;
using System.Globalization;

namespace Agentic.LocalServers;

/// <summary>Debian's redis-server on loopback, in its own temp directory, with persistence off.</summary>
public sealed class LocalRedisProcess(int port) : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-redis-").FullName;
    private readonly string _binary = LocalBinary.Require("redis-server", "redis-server");
    private Process? _process;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[]
                 {
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", string.Empty, "--appendonly", "no", "--dir", _directory,
                     "--daemonize", "no", "--protected-mode", "no", "--loglevel", "warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        // Drain the pipes so a chatty server never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover empty temp directory is harmless.
        }
    }
}
