using System.Diagnostics;
using System.Globalization;

namespace Agentic.LocalServers;

/// <summary>
/// Debian's PostgreSQL 15 on loopback with a fresh data directory (trust authentication, fsync off: test data is
/// throwaway). PostgreSQL refuses to run as root, so as root it runs as the <c>postgres</c> user through runuser.
/// </summary>
public sealed class LocalPostgresProcess(int port) : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory = Directory.CreateTempSubdirectory("agentic-postgres-").FullName;
    private Process? _process;

    private static bool IsRoot => Environment.UserName == "root";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var initdb = Path.Combine(BinDirectory, "initdb");
        if (!File.Exists(initdb))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({initdb} is missing). Install it with: "
                + "sudo apt-get update && sudo apt-get install -y postgresql");
        }

        var dataDirectory = Path.Combine(_directory, "data");
        if (IsRoot)
        {
            await RunToEndAsync(Command("chown", ["-R", "postgres:postgres", _directory], asPostgres: false), cancellationToken);
        }

        await RunToEndAsync(
            Command(
                initdb,
                ["-D", dataDirectory, "-A", "trust", "-U", PostgresDatabases.User, "--no-sync", "-E", "UTF8", "--locale=C"],
                asPostgres: IsRoot),
            cancellationToken);

        var start = Command(Path.Combine(BinDirectory, "postgres"), [
            "-D", dataDirectory, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", _directory,
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=200",
        ], asPostgres: IsRoot);
        var process = Process.Start(start) ?? throw new InvalidOperationException("postgres did not start");
        // Drain the pipes so a chatty server never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    public async ValueTask DisposeAsync()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is not null)
        {
            using (process)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                await process.WaitForExitAsync();
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless; the next run makes its own.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: files the server still held while it shut down.
        }
    }

    private static ProcessStartInfo Command(string binary, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", binary })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static async Task RunToEndAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
