using Npgsql;

namespace Agentic.ApprovalService.Audit;

/// <summary>
/// Applies the versioned SQL scripts under Audit/Migrations (embedded, run in name order, each once, each in its
/// own transaction) under an advisory lock, so several service instances starting together migrate once.
/// </summary>
public static class AuditSchema
{
    private const long LockId = 0x0A99_0BA1;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockId})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS approval_schema_versions (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            foreach (var (version, sql) in Scripts())
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var check = new NpgsqlCommand("SELECT 1 FROM approval_schema_versions WHERE version = $1", connection, transaction);
                check.Parameters.AddWithValue(version);
                if (await check.ExecuteScalarAsync(cancellationToken) is null)
                {
                    await ExecuteAsync(connection, transaction, sql, cancellationToken);
                    await using var mark = new NpgsqlCommand("INSERT INTO approval_schema_versions (version) VALUES ($1)", connection, transaction);
                    mark.Parameters.AddWithValue(version);
                    await mark.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockId})", CancellationToken.None);
        }
    }

    private static IEnumerable<(string Version, string Sql)> Scripts()
    {
        var assembly = typeof(AuditSchema).Assembly;
        const string prefix = "Agentic.ApprovalService.Audit.Migrations.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name[prefix.Length..], reader.ReadToEnd());
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
