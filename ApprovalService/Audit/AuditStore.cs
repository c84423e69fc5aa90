using Npgsql;
using NpgsqlTypes;

namespace Agentic.ApprovalService.Audit;

/// <summary>The audit table in PostgreSQL: rows added idempotently (by key), read newest first.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, kind, project, unique_id, column_name, llm_original, final_text, decision, reason, reviewer, at, pull_request_url, merge_commit, merged_at, model, prompt_version";

    /// <summary>Adds each row unless a row with its key exists; returns how many were new.</summary>
    public async Task<int> AddAsync(IReadOnlyList<(string Key, AuditRecord Record)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var (key, row) in rows)
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO approval_audit (kind, project, unique_id, column_name, llm_original, final_text, decision, reason, reviewer,
                    at, pull_request_url, merge_commit, merged_at, model, prompt_version, idempotency_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                ON CONFLICT (idempotency_key) DO NOTHING
                """,
                connection,
                transaction);
            command.Parameters.AddWithValue(row.Kind);
            command.Parameters.AddWithValue(row.Project);
            command.Parameters.AddWithValue(row.UniqueId);
            Text(command, row.Column);
            Text(command, row.LlmOriginal);
            Text(command, row.FinalText);
            Text(command, row.Decision);
            Text(command, row.Reason);
            Text(command, row.Reviewer);
            command.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, DateTime.SpecifyKind(row.At, DateTimeKind.Utc));
            Text(command, row.PullRequestUrl);
            Text(command, row.MergeCommit);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = row.MergedAt is { } merged ? DateTime.SpecifyKind(merged, DateTimeKind.Utc) : DBNull.Value });
            Text(command, row.Model);
            Text(command, row.PromptVersion);
            command.Parameters.AddWithValue(key);
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <summary>A project's rows (or one node's), newest first.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(string project, string? uniqueId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM approval_audit WHERE project = $1 AND ($2::text IS NULL OR unique_id = $2) ORDER BY at DESC, id DESC LIMIT $3");
        command.Parameters.AddWithValue(project);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)uniqueId ?? DBNull.Value });
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new AuditRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Nullable(reader, 4), Nullable(reader, 5),
                Nullable(reader, 6), Nullable(reader, 7), Nullable(reader, 8), Nullable(reader, 9), reader.GetFieldValue<DateTime>(10),
                Nullable(reader, 11), Nullable(reader, 12), reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTime>(13),
                Nullable(reader, 14), Nullable(reader, 15)));
        }

        return rows;
    }

    private static void Text(NpgsqlCommand command, string? value) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });

    private static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
