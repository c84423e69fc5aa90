using System.Text.Json;
using Agentic.EvalService.Workflows;
using Npgsql;
using NpgsqlTypes;

namespace Agentic.EvalService.Storage;

/// <summary>Final live-turn verdicts, kept after the workflow histories are gone. Writing twice is harmless.</summary>
public sealed class TurnStore(EvalDatabase database)
{
    public async Task SaveAsync(string suite, TurnState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO turn_verdicts (turn_id, suite, suite_version, decision, reason, verdict)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (turn_id) DO UPDATE SET decision = EXCLUDED.decision, reason = EXCLUDED.reason, verdict = EXCLUDED.verdict, decided_at = now()
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = state.TurnId });
        command.Parameters.Add(new NpgsqlParameter { Value = suite });
        command.Parameters.Add(new NpgsqlParameter { Value = state.SuiteVersion });
        command.Parameters.Add(new NpgsqlParameter { Value = state.Decision.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = state.Reason });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(state, JsonSerializerOptions.Web), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> GetDecisionAsync(string turnId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT decision FROM turn_verdicts WHERE turn_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = turnId });
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }
}
