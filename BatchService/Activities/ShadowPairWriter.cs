using System.Text.Json;
using Agentic.BatchService.Output;

namespace Agentic.BatchService.Activities;

/// <summary>Writes joined pairs into chunk files of a fixed number of pairs each.</summary>
internal sealed class ShadowPairWriter(string outputLocation, int chunkSize) : IDisposable
{
    private FileStream? _stream;
    private Utf8JsonWriter? _json;
    private int _inChunk;

    public long Pairs { get; private set; }

    public int Chunks { get; private set; }

    public void Write(string? rowId, string? category, string? baseline, string? candidate, string? error)
    {
        if (_stream is null || _inChunk == chunkSize)
        {
            Close();
            _stream = new FileStream(ShadowPaths.ChunkFile(outputLocation, Chunks), FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
            _json = new Utf8JsonWriter(_stream);
            Chunks++;
            _inChunk = 0;
        }

        var json = _json!;
        json.WriteStartObject();
        json.WriteString(ShadowPairFields.RowId, rowId);
        json.WriteString(ShadowPairFields.Category, category);
        json.WriteString(ShadowPairFields.Baseline, baseline);
        json.WriteString(ShadowPairFields.Candidate, candidate);
        json.WriteString(ShadowPairFields.Error, error);
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        _stream!.WriteByte((byte)'\n');
        _inChunk++;
        Pairs++;
    }

    public void Dispose() => Close();

    private void Close()
    {
        _json?.Dispose();
        _stream?.Dispose();
        _json = null;
        _stream = null;
    }
}
