using System.Diagnostics;
using Npgsql;

namespace Agentic.AppHost.Infrastructure;

/// <summary>
/// Prepares the machine's PostgreSQL for a run: finds the binaries, initialises a fresh data directory and
/// creates the databases. The server refuses to run as root, so as root everything runs as <c>postgres</c>.
/// </summary>
public static class LocalPostgresSetup
{
    public const string PostgresLibDirectory = "/usr/lib/postgresql";
    public const string InstallHint = "sudo apt-get update && sudo apt-get install -y postgresql";
    public const string ServiceUser = "postgres";

    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>The newest Debian PostgreSQL under /usr/lib/postgresql, else the directory of <c>postgres</c> on PATH.</summary>
    public static string? FindBinDirectory(string? path)
    {
        if (Directory.Exists(PostgresLibDirectory))
        {
            var newest = Directory.GetDirectories(PostgresLibDirectory)
                .Select(directory => (Directory: Path.Combine(directory, "bin"), Version: int.TryParse(Path.GetFileName(directory), out var version) ? version : -1))
                .Where(candidate => candidate.Version >= 0 && File.Exists(Path.Combine(candidate.Directory, "postgres")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Directory)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        return InfrastructurePlanner.FindOnPath("postgres", path) is { } postgres ? Path.GetDirectoryName(postgres) : null;
    }

    /// <summary>The command and leading arguments that run <paramref name="program"/> as a user the server accepts.</summary>
    public static (string Command, string[] Arguments) AsServiceUser(string program) =>
        RunsAsRoot ? ("runuser", ["-u", ServiceUser, "--", program]) : (program, []);

    /// <summary>
    /// Gives the data directory to the server's user and runs initdb, unless the directory already holds a
    /// cluster (a restart from the dashboard).
    /// </summary>
    public static async Task InitializeAsync(string binDirectory, string dataDirectory, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        if (RunsAsRoot)
        {
            await RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", dataDirectory], cancellationToken);
        }

        var (command, arguments) = AsServiceUser(Path.Combine(binDirectory, "initdb"));
        await RunAsync(command,
            [.. arguments, "-D", dataDirectory, "-A", "trust", "-U", LocalPostgresResource.UserName, "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            cancellationToken);
    }

    /// <summary>Creates each database that does not exist yet.</summary>
    public static async Task CreateDatabasesAsync(string serverConnectionString, IEnumerable<string> databases, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                continue;
            }

            // Identifiers cannot be parameters; the name is quoted with embedded quotes doubled.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task RunAsync(string command, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{command} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
