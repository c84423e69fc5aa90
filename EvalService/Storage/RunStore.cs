using Npgsql;

namespace Agentic.EvalService.Storage;

/// <summary>
/// Offline runs, their case results and judge verdicts in PostgreSQL (schema: Sql/002_offline_runs.sql).
/// Writes are idempotent by (run id, case id): a chunk written twice replaces its rows, and the run's counters
/// are recomputed from the case rows under a lock on the run, so nothing is counted twice.
/// </summary>
public sealed class RunStore(EvalDatabase database)
{
    private const string RunColumns = """
        run_id, request_hash, suite, suite_version, dataset_location, dataset_format, model_under_test, schedule_id,
        state, created_at, started_at, finished_at, cases_total, cases_done, cases_passed, cases_failed,
        cases_escalated, cases_errored, tokens_in, tokens_out, cost_usd, error
        """;

    private const string CaseColumns = """
        run_id, case_id, case_index, input, output, other_output, expected, gold_label, state, score, choice,
        checks::text, jury::text, error, tokens_in, tokens_out, cost_usd
        """;

    private const string VerdictColumns = """
        run_id, case_id, judge, model, answered, score, passed, choice, reason, error, latency_ms, tokens_in, tokens_out
        """;

    /// <summary>Records a new run, or returns the run already recorded under its id (<c>Created</c> false).</summary>
    public async Task<(StoredRun Run, bool Created)> CreateAsync(NewRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO eval_runs (run_id, request_hash, suite, suite_version, dataset_location, dataset_format, model_under_test, schedule_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (run_id) DO NOTHING
            """);
        Sql.Add(command, run.RunId, run.RequestHash, run.Suite, run.SuiteVersion, run.DatasetLocation, run.DatasetFormat, run.ModelUnderTest, run.ScheduleId);
        var created = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        var stored = await GetAsync(run.RunId, cancellationToken)
            ?? throw new InvalidOperationException($"run '{run.RunId}' vanished while it was being created");
        return (stored, created);
    }

    /// <summary>Marks the run running (once) and records how many cases its dataset holds.</summary>
    public async Task MarkRunningAsync(string runId, int casesTotal, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE eval_runs SET state = 'running', started_at = coalesce(started_at, now()), cases_total = $2
            WHERE run_id = $1 AND state IN ('pending', 'running')
            """);
        Sql.Add(command, runId, casesTotal);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ends the run unless it has already ended (a cancelled run stays cancelled). True when this call ended it.</summary>
    public async Task<bool> FinishAsync(string runId, EvalRunState state, string? error, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            UPDATE eval_runs SET state = $2, finished_at = now(), error = $3, started_at = coalesce(started_at, now())
            WHERE run_id = $1 AND state IN ('pending', 'running')
            """);
        Sql.Add(command, runId, Sql.Text(state), error);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Writes (or rewrites) the results of some cases of one run, with their judges' verdicts, in one transaction.</summary>
    public async Task SaveCasesAsync(string runId, IReadOnlyList<StoredCase> cases, IReadOnlyList<StoredJudgeVerdict> verdicts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(verdicts);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Writers of the same run queue here, so each recount below sees every committed case.
        await using (var lockRun = new NpgsqlCommand("SELECT 1 FROM eval_runs WHERE run_id = $1 FOR UPDATE", connection, transaction))
        {
            Sql.Add(lockRun, runId);
            if (await lockRun.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new InvalidOperationException($"run '{runId}' is not recorded");
            }
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var result in cases)
        {
            batch.BatchCommands.Add(Sql.Batch($"""
                INSERT INTO eval_case_results ({CaseColumns.Replace("::text", "", StringComparison.Ordinal)})
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $16, $17)
                ON CONFLICT (run_id, case_id) DO UPDATE SET case_index = EXCLUDED.case_index, input = EXCLUDED.input,
                    output = EXCLUDED.output, other_output = EXCLUDED.other_output, expected = EXCLUDED.expected,
                    gold_label = EXCLUDED.gold_label, state = EXCLUDED.state, score = EXCLUDED.score, choice = EXCLUDED.choice,
                    checks = EXCLUDED.checks, jury = EXCLUDED.jury, error = EXCLUDED.error, tokens_in = EXCLUDED.tokens_in,
                    tokens_out = EXCLUDED.tokens_out, cost_usd = EXCLUDED.cost_usd, written_at = now()
                """,
                runId, result.CaseId, result.CaseIndex, result.Input, result.Output, result.OtherOutput, result.Expected,
                result.GoldLabel, Sql.Text(result.State), result.Score, result.Choice, result.ChecksJson, result.JuryJson,
                result.Error, result.TokensIn, result.TokensOut, result.CostUsd));
        }

        batch.BatchCommands.Add(Sql.Batch(
            "DELETE FROM eval_judge_verdicts WHERE run_id = $1 AND case_id = ANY($2)",
            runId, cases.Select(c => c.CaseId).ToArray()));
        foreach (var verdict in verdicts)
        {
            batch.BatchCommands.Add(Sql.Batch($"""
                INSERT INTO eval_judge_verdicts ({VerdictColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                ON CONFLICT (run_id, case_id, judge) DO NOTHING
                """,
                runId, verdict.CaseId, verdict.Judge, verdict.Model, verdict.Answered, verdict.Score, verdict.Passed,
                verdict.Choice, verdict.Reason, verdict.Error, verdict.LatencyMs, verdict.TokensIn, verdict.TokensOut));
        }

        batch.BatchCommands.Add(Sql.Batch("""
            UPDATE eval_runs r SET cases_done = c.done, cases_passed = c.passed, cases_failed = c.failed,
                cases_escalated = c.escalated, cases_errored = c.errored, tokens_in = c.tokens_in,
                tokens_out = c.tokens_out, cost_usd = c.cost_usd
            FROM (SELECT count(*) AS done,
                         count(*) FILTER (WHERE state = 'passed') AS passed,
                         count(*) FILTER (WHERE state = 'failed') AS failed,
                         count(*) FILTER (WHERE state = 'escalated') AS escalated,
                         count(*) FILTER (WHERE state = 'error') AS errored,
                         coalesce(sum(tokens_in), 0) AS tokens_in,
                         coalesce(sum(tokens_out), 0) AS tokens_out,
                         coalesce(sum(cost_usd), 0) AS cost_usd
                  FROM eval_case_results WHERE run_id = $1) c
            WHERE r.run_id = $1
            """, runId));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<StoredRun?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var runs = await QueryAsync($"SELECT {RunColumns} FROM eval_runs WHERE run_id = $1", Sql.ReadRun, cancellationToken, runId);
        return runs.Count == 0 ? null : runs[0];
    }

    /// <summary>Runs newest first: of one suite, or of every suite when <paramref name="suite"/> is null; optionally only one schedule's.</summary>
    public Task<IReadOnlyList<StoredRun>> ListAsync(string? suite, int limit, CancellationToken cancellationToken, string? scheduleId = null) =>
        QueryAsync($"""
            SELECT {RunColumns} FROM eval_runs
            WHERE ($1::text IS NULL OR suite = $1) AND ($2::text IS NULL OR schedule_id = $2)
            ORDER BY created_at DESC, run_id LIMIT $3
            """, Sql.ReadRun, cancellationToken, suite, scheduleId, limit);

    /// <summary>The case results of a run in dataset order, optionally only those in one state.</summary>
    public Task<IReadOnlyList<StoredCase>> ListCasesAsync(string runId, CancellationToken cancellationToken, CaseState? state = null) =>
        QueryAsync($"""
            SELECT {CaseColumns} FROM eval_case_results
            WHERE run_id = $1 AND ($2::text IS NULL OR state = $2)
            ORDER BY case_index, case_id
            """, Sql.ReadCase, cancellationToken, runId, state is { } s ? Sql.Text(s) : null);

    /// <summary>Every judge verdict of a run, by case (dataset order) then judge.</summary>
    public Task<IReadOnlyList<StoredJudgeVerdict>> ListJudgeVerdictsAsync(string runId, CancellationToken cancellationToken) =>
        QueryAsync($"""
            SELECT {string.Join(", ", VerdictColumns.Split(',').Select(c => "v." + c.Trim()))}
            FROM eval_judge_verdicts v JOIN eval_case_results c USING (run_id, case_id)
            WHERE v.run_id = $1 ORDER BY c.case_index, v.case_id, v.judge
            """, Sql.ReadVerdict, cancellationToken, runId);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        Sql.Add(command, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
