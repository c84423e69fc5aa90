using System.Text.Json;
using Agentic.BatchService.Input;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Joins the two sides by row id into chunk files of pairs. The candidate side is held in memory (id, text,
/// category) while the baseline streams past; rows whose id is on one side only go to their own file. A row that
/// cannot be read, lacks its text, or repeats an id already seen on its side becomes a failed pair: it fails
/// alone, and is still counted.
/// </summary>
public sealed class ShadowPlanner
{
    private const int SampleSize = 20;
    private const int HeartbeatEvery = 10_000;

    public ShadowPlan Plan(PlanShadowInput input, Action heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(heartbeat);
        var chunks = ShadowPaths.ChunksDirectory(input.OutputLocation);
        if (Directory.Exists(chunks))
        {
            // A retried attempt starts over: the files are derived from the inputs alone.
            Directory.Delete(chunks, recursive: true);
        }

        Directory.CreateDirectory(chunks);
        var read = 0L;
        void Tick()
        {
            if (++read % HeartbeatEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                heartbeat();
            }
        }

        using var pairs = new ShadowPairWriter(input.OutputLocation, input.ChunkSize);
        var candidates = new Dictionary<string, ShadowRow>(StringComparer.Ordinal);
        foreach (var row in ShadowSideReader.Read(input.Candidate, input.CategoryColumn, "candidate"))
        {
            Tick();
            if (row.RowId is null)
            {
                pairs.Write(null, row.Category, null, null, row.Error ?? $"candidate: line {row.Line} has no row id");
            }
            else if (!candidates.TryAdd(row.RowId, row))
            {
                pairs.Write(row.RowId, row.Category, null, null, $"candidate: row id '{row.RowId}' repeats on line {row.Line}");
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var onlyBaseline = new OneSideWriter(ShadowPaths.OnlyInBaseline(input.OutputLocation));
        foreach (var row in ShadowSideReader.Read(input.Baseline, input.CategoryColumn, "baseline"))
        {
            Tick();
            if (row.RowId is null)
            {
                pairs.Write(null, row.Category, null, null, row.Error ?? $"baseline: line {row.Line} has no row id");
            }
            else if (!seen.Add(row.RowId))
            {
                pairs.Write(row.RowId, row.Category, null, null, $"baseline: row id '{row.RowId}' repeats on line {row.Line}");
            }
            else if (candidates.Remove(row.RowId, out var candidate))
            {
                pairs.Write(row.RowId, row.Category ?? candidate.Category, row.Text, candidate.Text, row.Error ?? candidate.Error);
            }
            else
            {
                onlyBaseline.Write(row);
            }
        }

        using var onlyCandidate = new OneSideWriter(ShadowPaths.OnlyInCandidate(input.OutputLocation));
        foreach (var row in candidates.Values.OrderBy(r => r.Line))
        {
            onlyCandidate.Write(row);
        }

        return new ShadowPlan(pairs.Pairs, pairs.Chunks, input.ChunkSize, onlyBaseline.Count, onlyCandidate.Count, onlyBaseline.Sample, onlyCandidate.Sample);
    }

    /// <summary>The ids found on one side only: all of them in a file, the first few in the plan.</summary>
    private sealed class OneSideWriter(string path) : IDisposable
    {
        private readonly StreamWriter _writer = new(path);
        private readonly List<string> _sample = [];

        public long Count { get; private set; }

        public IReadOnlyList<string> Sample => _sample;

        public void Write(ShadowRow row)
        {
            Count++;
            if (_sample.Count < SampleSize)
            {
                _sample.Add(row.RowId!);
            }

            _writer.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["row_id"] = row.RowId,
                ["line"] = row.Line,
                ["category"] = row.Category,
            }));
        }

        public void Dispose() => _writer.Dispose();
    }
}
