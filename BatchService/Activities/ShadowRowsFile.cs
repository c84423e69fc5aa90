using System.Text.Json;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>A chunk's result records (one per pair) and the tally they add up to.</summary>
internal static class ShadowRowsFile
{
    public const string NoCategory = "(none)";

    /// <summary>A changed row is diverged when its similarity is below the threshold or the judge says it differs; with neither measure, every change is.</summary>
    public static bool Diverged(ShadowPair pair, double threshold) =>
        pair.Changed && (pair.Similarity < threshold || pair.Equivalent == false || (pair.Similarity is null && pair.Equivalent is null));

    public static async Task WriteAsync(string path, IReadOnlyList<ShadowPair> pairs, double threshold, CancellationToken cancellationToken)
    {
        var work = path + ".tmp";
        await using (var stream = new FileStream(work, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            using var json = new Utf8JsonWriter(stream);
            foreach (var pair in pairs)
            {
                json.WriteStartObject();
                json.WriteString("row_id", pair.RowId);
                json.WriteString("category", pair.Category);
                json.WriteString("status", pair.Compared ? "compared" : "failed");
                if (pair.Compared)
                {
                    json.WriteBoolean("exact_match", pair.Exact);
                    json.WriteBoolean("normalized_match", pair.Normalized);
                    json.WriteBoolean("changed", pair.Changed);
                    json.WriteBoolean("diverged", Diverged(pair, threshold));
                    if (pair.Similarity is { } similarity)
                    {
                        json.WriteNumber("similarity", Math.Round(similarity, 6));
                    }

                    if (pair.Equivalent is { } equivalent)
                    {
                        json.WriteBoolean("judged_equivalent", equivalent);
                    }

                    if (pair.JudgeError is not null)
                    {
                        json.WriteString("judge_error", pair.JudgeError);
                    }

                    if (pair.Jury is { } jury)
                    {
                        WriteJury(json, jury);
                    }
                }
                else
                {
                    json.WriteString("error", pair.Error);
                }

                json.WriteEndObject();
                json.Flush();
                json.Reset();
                stream.WriteByte((byte)'\n');
            }
        }

        File.Move(work, path, overwrite: true);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Reads a chunk's result records back as pairs with their measures (not their texts, nor an earlier jury's verdict).</summary>
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
            var failed = root.GetProperty("status").GetString() == "failed";
            var pair = new ShadowPair(
                root.GetProperty("row_id").GetString(),
                root.GetProperty("category").GetString(),
                null,
                null,
                failed ? root.GetProperty("error").GetString() ?? "failed" : null);
            if (!failed)
            {
                pair.Exact = root.GetProperty("exact_match").GetBoolean();
                pair.Normalized = root.GetProperty("normalized_match").GetBoolean();
                pair.Similarity = root.TryGetProperty("similarity", out var similarity) ? similarity.GetDouble() : null;
            }

            pairs.Add(pair);
        }

        return pairs;
    }

    public static ShadowTally Tally(IReadOnlyList<ShadowPair> pairs, double threshold, bool byCategory, long tokens, decimal cost = 0)
    {
        long compared = 0, failed = 0, exact = 0, normalized = 0, changed = 0, diverged = 0, similarities = 0, changedSimilarities = 0, equivalent = 0, different = 0;
        double similaritySum = 0, changedSimilaritySum = 0;
        var histogram = new long[ShadowTally.HistogramBins];
        var categories = new Dictionary<string, ShadowCategoryTally>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            if (!pair.Compared)
            {
                failed++;
                continue;
            }

            compared++;
            exact += pair.Exact ? 1 : 0;
            normalized += pair.Normalized ? 1 : 0;
            changed += pair.Changed ? 1 : 0;
            diverged += Diverged(pair, threshold) ? 1 : 0;
            equivalent += pair.Equivalent == true ? 1 : 0;
            different += pair.Equivalent == false ? 1 : 0;
            if (pair.Similarity is { } similarity)
            {
                similarities++;
                similaritySum += similarity;
                if (pair.Changed)
                {
                    changedSimilarities++;
                    changedSimilaritySum += similarity;
                    histogram[ShadowTally.BinOf(similarity)]++;
                }
            }

            if (byCategory)
            {
                var name = pair.Category ?? NoCategory;
                var row = new ShadowCategoryTally(name, 1, pair.Changed ? 1 : 0, pair.Similarity ?? 0, pair.Similarity is null ? 0 : 1);
                categories[name] = categories.TryGetValue(name, out var existing) ? existing.Add(row) : row;
            }
        }

        var tally = new ShadowTally(compared, failed, exact, normalized, changed, diverged, similaritySum, similarities,
            changedSimilaritySum, changedSimilarities, equivalent, different, tokens, histogram, [],
            pairs.Count(p => p.Jury is { Decision.Decided: false }), cost);
        // Adding to the empty tally applies its category cap.
        return ShadowTally.Empty.Add(tally with { Categories = categories.Values.ToList() });
    }

    private static void WriteJury(Utf8JsonWriter json, ShadowJuryRow jury)
    {
        json.WriteStartObject("jury");
        json.WriteString("verdict", jury.Verdict);
        json.WriteBoolean("escalated", jury.Decision.Escalated);
        json.WriteBoolean("quorum_met", jury.Decision.QuorumMet);
        json.WriteNumber("agreement", Math.Round(jury.Decision.Agreement, 4));
        json.WriteNumber("score", Math.Round(jury.Decision.Score, 4));
        json.WriteStartArray("judges_answered");
        foreach (var judge in jury.Judges.Where(j => j.Answered))
        {
            json.WriteStringValue(judge.Judge);
        }

        json.WriteEndArray();
        json.WriteStartArray("judges");
        foreach (var judge in jury.Judges)
        {
            json.WriteStartObject();
            json.WriteString("judge", judge.Judge);
            json.WriteString("model", judge.Model);
            json.WriteBoolean("answered", judge.Answered);
            if (judge.Answered)
            {
                json.WriteBoolean("equivalent", judge.Passed);
                json.WriteNumber("score", Math.Round(judge.Score, 4));
            }
            else
            {
                json.WriteString("error", judge.Error);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
