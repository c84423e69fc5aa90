using System.Text.Json;

namespace Agentic.BatchService.Activities;

/// <summary>Reads a chunk file of joined pairs (written by <see cref="ShadowPairWriter"/>).</summary>
internal static class ShadowChunkFile
{
    public static async Task<List<ShadowPair>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var pairs = new List<ShadowPair>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            pairs.Add(new ShadowPair(
                root.GetProperty(ShadowPairFields.RowId).GetString(),
                root.GetProperty(ShadowPairFields.Category).GetString(),
                root.GetProperty(ShadowPairFields.Baseline).GetString(),
                root.GetProperty(ShadowPairFields.Candidate).GetString(),
                root.GetProperty(ShadowPairFields.Error).GetString()));
        }

        return pairs;
    }
}
