using Npgsql;

namespace Agentic.EvalService.Storage;

/// <summary>Parameters and row readers shared by <see cref="RunStore"/>'s queries.</summary>
internal static class Sql
{
    public static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    public static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
    }

    public static NpgsqlBatchCommand Batch(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    public static StoredRun ReadRun(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetString(5),
        NullableString(r, 6), NullableString(r, 7), Enum.Parse<EvalRunState>(r.GetString(8), ignoreCase: true),
        Time(r, 9)!.Value, Time(r, 10), Time(r, 11),
        r.GetInt32(12), r.GetInt32(13), r.GetInt32(14), r.GetInt32(15), r.GetInt32(16), r.GetInt32(17),
        r.GetInt64(18), r.GetInt64(19), r.GetDouble(20), NullableString(r, 21));

    public static StoredCase ReadCase(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetString(4), NullableString(r, 5),
        NullableString(r, 6), NullableString(r, 7), Enum.Parse<CaseState>(r.GetString(8), ignoreCase: true),
        r.IsDBNull(9) ? null : r.GetDouble(9), r.IsDBNull(10) ? null : r.GetInt32(10), r.GetString(11),
        NullableString(r, 12), NullableString(r, 13), r.GetInt64(14), r.GetInt64(15), r.GetDouble(16));

    public static StoredJudgeVerdict ReadVerdict(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetBoolean(4),
        r.IsDBNull(5) ? null : r.GetDouble(5), r.IsDBNull(6) ? null : r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetInt32(7),
        r.GetString(8), r.GetString(9), r.GetInt32(10), r.GetInt64(11), r.GetInt64(12));

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc), TimeSpan.Zero).ToOffset(TimeSpan.Zero);
}
