using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Temporalio.Api.History.V1;

namespace Agentic.Emulator.Persistence;

/// <summary>
/// <see cref="IEmulatorStore"/> in one SQLite file. One connection, one writer at a time; WAL journaling, so a killed
/// process loses nothing that was committed (each committed change is in the file before the RPC that caused it answers).
/// </summary>
internal sealed class SqliteEmulatorStore : IEmulatorStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS runs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id TEXT NOT NULL UNIQUE,
            namespace TEXT NOT NULL,
            workflow_id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            parent_run_id TEXT,
            parent_initiated_id INTEGER NOT NULL,
            buffered BLOB,
            activities BLOB);
        CREATE TABLE IF NOT EXISTS events (
            run_id TEXT NOT NULL,
            event_id INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (run_id, event_id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS documents (
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (kind, key)) WITHOUT ROWID;
        """;

    private readonly Lock _sync = new();
    private readonly SqliteConnection _connection;

    public SqliteEmulatorStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute(Schema);
    }

    public void SaveRun(RunWrite write)
    {
        lock (_sync)
        {
            using var transaction = _connection.BeginTransaction();
            if (write.Identity is { } identity)
            {
                Execute(
                    "INSERT OR IGNORE INTO runs (run_id, namespace, workflow_id, request_id, parent_run_id, parent_initiated_id) VALUES ($1, $2, $3, $4, $5, $6)",
                    write.RunId, identity.Namespace, identity.WorkflowId, identity.StartRequestId, identity.ParentRunId, identity.ParentInitiatedEventId);
            }

            if (write.NewEvents.Count > 0)
            {
                using var insert = _connection.CreateCommand();
                insert.CommandText = "INSERT OR REPLACE INTO events (run_id, event_id, data) VALUES ($1, $2, $3)";
                var runId = insert.Parameters.AddWithValue("$1", write.RunId);
                var eventId = insert.Parameters.Add("$2", SqliteType.Integer);
                var data = insert.Parameters.Add("$3", SqliteType.Blob);
                foreach (var historyEvent in write.NewEvents)
                {
                    eventId.Value = historyEvent.EventId;
                    data.Value = historyEvent.ToByteArray();
                    insert.ExecuteNonQuery();
                }
            }

            if (write.Buffered is { } buffered)
            {
                var history = new History();
                history.Events.AddRange(buffered);
                Execute("UPDATE runs SET buffered = $2 WHERE run_id = $1", write.RunId, buffered.Count == 0 ? null : history.ToByteArray());
            }

            if (write.Activities is { } activities)
            {
                Execute("UPDATE runs SET activities = $2 WHERE run_id = $1", write.RunId, activities.Length == 0 ? null : activities);
            }

            transaction.Commit();
        }
    }

    public void DeleteRun(string runId)
    {
        lock (_sync)
        {
            using var transaction = _connection.BeginTransaction();
            Execute("DELETE FROM events WHERE run_id = $1", runId);
            Execute("DELETE FROM runs WHERE run_id = $1", runId);
            transaction.Commit();
        }
    }

    public void PutDocument(string kind, string key, byte[] data)
    {
        lock (_sync)
        {
            Execute("INSERT OR REPLACE INTO documents (kind, key, data) VALUES ($1, $2, $3)", kind, key, data);
        }
    }

    public void DeleteDocument(string kind, string key)
    {
        lock (_sync)
        {
            Execute("DELETE FROM documents WHERE kind = $1 AND key = $2", kind, key);
        }
    }

    public IReadOnlyList<KeyValuePair<string, byte[]>> LoadDocuments(string kind)
    {
        lock (_sync)
        {
            using var command = Command("SELECT key, data FROM documents WHERE kind = $1 ORDER BY key", kind);
            using var reader = command.ExecuteReader();
            var documents = new List<KeyValuePair<string, byte[]>>();
            while (reader.Read())
            {
                documents.Add(new(reader.GetString(0), (byte[])reader[1]));
            }

            return documents;
        }
    }

    public IReadOnlyList<StoredRun> LoadRuns()
    {
        lock (_sync)
        {
            var events = new Dictionary<string, List<HistoryEvent>>(StringComparer.Ordinal);
            using (var command = Command("SELECT run_id, data FROM events ORDER BY run_id, event_id"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var runId = reader.GetString(0);
                    if (!events.TryGetValue(runId, out var list))
                    {
                        events[runId] = list = [];
                    }

                    list.Add(HistoryEvent.Parser.ParseFrom((byte[])reader[1]));
                }
            }

            var runs = new List<StoredRun>();
            using (var command = Command(
                "SELECT run_id, namespace, workflow_id, request_id, parent_run_id, parent_initiated_id, buffered, activities FROM runs ORDER BY seq"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var runId = reader.GetString(0);
                    if (!events.TryGetValue(runId, out var history) || history.Count == 0)
                    {
                        continue;
                    }

                    var identity = new StoredRunIdentity(reader.GetString(1), reader.GetString(2), reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5));
                    var buffered = reader.IsDBNull(6) ? [] : History.Parser.ParseFrom((byte[])reader[6]).Events.ToList();
                    var activities = reader.IsDBNull(7) ? null : (byte[])reader[7];
                    runs.Add(new StoredRun(runId, identity, history, buffered, activities));
                }
            }

            return runs;
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _connection.Dispose();
        }
    }

    private void Execute(string sql, params object?[] parameters)
    {
        using var command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params object?[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"${i + 1}", parameters[i] ?? DBNull.Value);
        }

        return command;
    }
}
