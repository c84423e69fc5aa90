using Agentic.ApprovalService.Workflows;
using Npgsql;
using NpgsqlTypes;

namespace Agentic.ApprovalService.ReadModel;

/// <summary>
/// The proposals' read model in PostgreSQL. The import seeds a row per proposal before its workflow starts; the
/// workflow then writes each change of state (an activity, so only its own, in order). Searches are indexed SQL.
/// </summary>
public sealed class ProposalStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "project, unique_id, name, resource_type, owner_group, status, pending, stale, version, search_text, opened_at, escalated_at";

    private const int SeedBatch = 1000;

    /// <summary>Rows for newly imported proposals; an existing row stays unless its proposal had finished (a new run starts).</summary>
    public async Task SeedAsync(IReadOnlyList<ProposalSummary> summaries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        foreach (var batch in summaries.Chunk(SeedBatch))
        {
            await using var command = dataSource.CreateCommand(
                $"""
                INSERT INTO approval_proposals ({Columns})
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::bool[],
                    $9::bigint[], $10::text[], $11::timestamptz[], $12::timestamptz[])
                ON CONFLICT (project, unique_id) DO UPDATE SET
                    name = EXCLUDED.name, resource_type = EXCLUDED.resource_type, owner_group = EXCLUDED.owner_group,
                    status = EXCLUDED.status, pending = EXCLUDED.pending, stale = EXCLUDED.stale, version = EXCLUDED.version,
                    search_text = EXCLUDED.search_text, opened_at = NULL, escalated_at = NULL, updated_at = now()
                WHERE approval_proposals.status IN ('{ProposalStatus.Closed}', '{ProposalStatus.Expired}')
                """);
            command.Parameters.AddWithValue(batch.Select(s => s.Project).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.UniqueId).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.Name).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.ResourceType).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.OwnerGroup).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.Status.ToString()).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.PendingItems).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.Stale).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.Version).ToArray());
            command.Parameters.AddWithValue(batch.Select(s => s.SearchText).ToArray());
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = new DateTime?[batch.Length] });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = new DateTime?[batch.Length] });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>The proposal's current state, as its workflow reports it.</summary>
    public async Task RecordAsync(ProposalRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var s = record.Summary;
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO approval_proposals ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (project, unique_id) DO UPDATE SET
                name = EXCLUDED.name, resource_type = EXCLUDED.resource_type, owner_group = EXCLUDED.owner_group,
                status = EXCLUDED.status, pending = EXCLUDED.pending, stale = EXCLUDED.stale, version = EXCLUDED.version,
                search_text = EXCLUDED.search_text, opened_at = EXCLUDED.opened_at, escalated_at = EXCLUDED.escalated_at, updated_at = now()
            """);
        command.Parameters.AddWithValue(s.Project);
        command.Parameters.AddWithValue(s.UniqueId);
        command.Parameters.AddWithValue(s.Name);
        command.Parameters.AddWithValue(s.ResourceType);
        command.Parameters.AddWithValue(s.OwnerGroup);
        command.Parameters.AddWithValue(s.Status.ToString());
        command.Parameters.AddWithValue(s.PendingItems);
        command.Parameters.AddWithValue(s.Stale);
        command.Parameters.AddWithValue(s.Version);
        command.Parameters.AddWithValue(s.SearchText);
        Time(command, record.OpenedAt);
        Time(command, record.EscalatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Matching proposals, most recently changed first, each with the time it was escalated (if it was).</summary>
    public async Task<IReadOnlyList<ProposalRecord>> SearchAsync(ProposalQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.Text.Trim();
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM approval_proposals
            WHERE ($1 = '' OR (name || ' ' || unique_id || ' ' || search_text) ILIKE $1)
              AND ($2 = '' OR project = $2)
              AND ($3::text[] IS NULL OR lower(owner_group) = ANY ($3))
              AND (cardinality($4::text[]) = 0 OR status = ANY ($4))
            ORDER BY updated_at DESC
            LIMIT $5
            """);
        command.Parameters.AddWithValue(text.Length == 0 ? string.Empty : "%" + Escape(text) + "%");
        command.Parameters.AddWithValue(query.Project.Trim());
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            Value = query.OwnerGroups is null ? DBNull.Value : query.OwnerGroups.Select(g => g.ToLowerInvariant()).ToArray(),
        });
        command.Parameters.AddWithValue(query.States.Select(state => state.ToString()).ToArray());
        command.Parameters.AddWithValue(query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ProposalRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var summary = new ProposalSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Enum.Parse<ProposalStatus>(reader.GetString(5)), reader.GetInt32(6), reader.GetBoolean(7), reader.GetInt64(8), reader.GetString(9));
            rows.Add(new ProposalRecord(summary, NullableTime(reader, 10), NullableTime(reader, 11)));
        }

        return rows;
    }

    /// <summary>Adds the notification unless one with its key exists; true when it is new.</summary>
    public async Task<bool> AddNotificationAsync(string key, NotificationRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO approval_notifications (project, unique_id, name, owner_group, kind, pending, at, webhook_status, idempotency_key)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (idempotency_key) DO NOTHING
            """);
        command.Parameters.AddWithValue(notification.Project);
        command.Parameters.AddWithValue(notification.UniqueId);
        command.Parameters.AddWithValue(notification.Name);
        command.Parameters.AddWithValue(notification.OwnerGroup);
        command.Parameters.AddWithValue(notification.Kind);
        command.Parameters.AddWithValue(notification.Pending);
        Time(command, notification.At);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)notification.WebhookStatus ?? DBNull.Value });
        command.Parameters.AddWithValue(key);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetWebhookStatusAsync(string key, string status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE approval_notifications SET webhook_status = $2 WHERE idempotency_key = $1");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(status);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The newest notifications for the groups (null = every group).</summary>
    public async Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(IReadOnlyCollection<string>? groups, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT project, unique_id, name, owner_group, kind, pending, at, webhook_status FROM approval_notifications
            WHERE $1::text[] IS NULL OR lower(owner_group) = ANY ($1)
            ORDER BY at DESC, id DESC LIMIT $2
            """);
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
            Value = groups is null ? DBNull.Value : groups.Select(g => g.ToLowerInvariant()).ToArray(),
        });
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<NotificationRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new NotificationRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                reader.GetFieldValue<DateTime>(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }

        return rows;
    }

    /// <summary>Open proposals per owner group, for the pattern metrics.</summary>
    public async Task<IReadOnlyList<OpenProposalStats>> OpenStatsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT owner_group, count(*)::int, min(opened_at) FROM approval_proposals WHERE status = '{ProposalStatus.Open}' GROUP BY owner_group");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OpenProposalStats>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OpenProposalStats(reader.GetString(0), reader.GetInt32(1), NullableTime(reader, 2)));
        }

        return rows;
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static void Time(NpgsqlCommand command, DateTime? value) =>
        command.Parameters.Add(new NpgsqlParameter
        {
            NpgsqlDbType = NpgsqlDbType.TimestampTz,
            Value = value is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : DBNull.Value,
        });

    private static DateTime? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTime>(ordinal);
}
