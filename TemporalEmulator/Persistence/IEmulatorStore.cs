namespace Agentic.Emulator.Persistence;

/// <summary>
/// Durable state behind the in-memory emulator (<c>--db-filename</c>). Runs are written through as their histories
/// grow, one transaction per change of a run; everything else (namespaces, search attributes, schedules) is kept as
/// keyed documents of a kind. On start the emulator rebuilds its memory from what is stored here.
/// </summary>
internal interface IEmulatorStore : IDisposable
{
    void SaveRun(RunWrite write);

    void DeleteRun(string runId);

    /// <summary>Stores a document (replacing one with the same kind and key); e.g. kind "schedule", key namespace/id.</summary>
    void PutDocument(string kind, string key, byte[] data);

    void DeleteDocument(string kind, string key);

    IReadOnlyList<KeyValuePair<string, byte[]>> LoadDocuments(string kind);

    /// <summary>Every stored run, in the order the runs were created.</summary>
    IReadOnlyList<StoredRun> LoadRuns();
}
