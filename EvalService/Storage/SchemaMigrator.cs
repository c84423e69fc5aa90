using System.Globalization;
using Npgsql;

namespace Agentic.EvalService.Storage;

/// <summary>
/// Applies the versioned SQL scripts (Storage/Sql/NNN_*.sql, embedded) that the database has not seen, in
/// order, each in its own transaction, at start. An advisory lock keeps two replicas from migrating at once.
/// </summary>
public sealed partial class SchemaMigrator(EvalDatabase database, ILogger<SchemaMigrator> logger) : IHostedService
{
    private const long LockKey = 0x4576616c_44420001; // "EvalDB" + 1

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!database.Configured)
        {
            LogNoDatabase(logger);
            return;
        }

        await MigrateAsync(database.DataSource, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.Contains(".Storage.Sql.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name[(name.IndexOf(".Storage.Sql.", StringComparison.Ordinal) + ".Storage.Sql.".Length)..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return (int.Parse(file.AsSpan(0, 3), CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(script => script.Item1)
            .ToList();
    }

    public async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection, "CREATE TABLE IF NOT EXISTS eval_schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand("SELECT version FROM eval_schema_versions", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            foreach (var (version, name, sql) in Scripts().Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO eval_schema_versions (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = version });
                    record.Parameters.Add(new NpgsqlParameter { Value = name });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                LogApplied(logger, name);
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No evaldb connection string: suites and verdicts cannot be stored until one is configured")]
    private static partial void LogNoDatabase(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema script {Name}")]
    private static partial void LogApplied(ILogger logger, string name);
}
