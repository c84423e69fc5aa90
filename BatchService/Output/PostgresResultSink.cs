using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Agentic.BatchService.Output;

/// <summary>
/// Upserts a part's outcomes into a PostgreSQL table keyed by (job_id, row_id), so a retried part replaces
/// its rows instead of adding them. The table is created when missing:
/// <c>job_id text, row_id text, row_index bigint, status text, output_text text, output_json jsonb,
/// output_embedding real[], prompt_tokens bigint, completion_tokens bigint, attempts int, error_kind text,
/// error_message text, updated_at timestamptz, primary key (job_id, row_id)</c>.
/// Rows whose id could not be read have no key and stay only in the file output.
/// </summary>
public sealed partial class PostgresResultSink(string connectionString, string table)
{
    private readonly string _table = ValidTable(table);

    public async Task EnsureTableAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            CREATE TABLE IF NOT EXISTS "{_table}" (
                job_id text NOT NULL, row_id text NOT NULL, row_index bigint NOT NULL, status text NOT NULL,
                output_text text, output_json jsonb, output_embedding real[],
                prompt_tokens bigint NOT NULL, completion_tokens bigint NOT NULL, attempts int NOT NULL,
                error_kind text, error_message text, updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (job_id, row_id))
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes the part in one transaction; returns how many rows were upserted.</summary>
    public async Task<int> UpsertPartAsync(string jobId, IReadOnlyList<RowOutcome> outcomes, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var count = 0;
        foreach (var outcome in outcomes.Where(o => o.RowId is not null).GroupBy(o => o.RowId).Select(g => g.Last()))
        {
            await using var command = new NpgsqlCommand($"""
                INSERT INTO "{_table}" (job_id, row_id, row_index, status, output_text, output_json, output_embedding,
                    prompt_tokens, completion_tokens, attempts, error_kind, error_message, updated_at)
                VALUES (@job, @id, @row, @status, @text, @json::jsonb, @embedding, @prompt, @completion, @attempts, @kind, @message, now())
                ON CONFLICT (job_id, row_id) DO UPDATE SET row_index = EXCLUDED.row_index, status = EXCLUDED.status,
                    output_text = EXCLUDED.output_text, output_json = EXCLUDED.output_json, output_embedding = EXCLUDED.output_embedding,
                    prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens, attempts = EXCLUDED.attempts,
                    error_kind = EXCLUDED.error_kind, error_message = EXCLUDED.error_message, updated_at = now()
                """, connection, transaction);
            command.Parameters.AddWithValue("job", jobId);
            command.Parameters.AddWithValue("id", outcome.RowId!);
            command.Parameters.AddWithValue("row", outcome.Index);
            command.Parameters.AddWithValue("status", OutputRecord.StatusName(outcome.Status));
            command.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text) { Value = (object?)outcome.Text ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("json", NpgsqlDbType.Text) { Value = (object?)outcome.Json ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("embedding", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = (object?)outcome.Embedding ?? DBNull.Value });
            command.Parameters.AddWithValue("prompt", outcome.PromptTokens);
            command.Parameters.AddWithValue("completion", outcome.CompletionTokens);
            command.Parameters.AddWithValue("attempts", outcome.Attempts);
            command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = (object?)outcome.Error?.Kind ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = (object?)outcome.Error?.Message ?? DBNull.Value });
            count += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static string ValidTable(string table) => TableName().IsMatch(table)
        ? table
        : throw new ArgumentException($"sink table '{table}' must be letters, digits and underscores, starting with a letter or underscore", nameof(table));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex TableName();
}
