using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Activities;

/// <summary>
/// The file side of a chunk's jury: its changed pairs as jury cases (texts from the chunk file, which pairs changed
/// from its result records), and the verdicts written back into the result records, which are then counted again.
/// Writing is idempotent: a retried write sets the same verdicts on the records the comparer wrote.
/// </summary>
public sealed class ShadowJuryRecords(ShadowPrices prices)
{
    public async Task<ShadowJuryCases> ReadCasesAsync(ReadShadowJuryCasesInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rows = await ShadowRowsFile.ReadAsync(ShadowPaths.RowsFile(input.OutputLocation, input.Chunk), cancellationToken);
        var changed = rows.Where(r => r.Changed && r.RowId is not null).Select(r => r.RowId!).ToHashSet(StringComparer.Ordinal);
        var pairs = await ShadowChunkFile.ReadAsync(ShadowPaths.ChunkFile(input.OutputLocation, input.Chunk), cancellationToken);
        return new ShadowJuryCases(pairs
            .Where(p => p.RowId is not null && changed.Contains(p.RowId))
            .Select(p => new EvalJuryCase(p.RowId!, EvalJury.EquivalenceInstruction, p.Baseline!, p.Candidate!))
            .ToList());
    }

    public async Task<ShadowTally> ApplyAsync(ApplyShadowJuryInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var path = ShadowPaths.RowsFile(input.OutputLocation, input.Chunk);
        var rows = await ShadowRowsFile.ReadAsync(path, cancellationToken);
        var byId = rows.Where(r => r.RowId is not null).GroupBy(r => r.RowId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        long tokens = 0;
        decimal cost = 0;
        foreach (var verdict in input.Verdicts)
        {
            foreach (var judge in verdict.Verdicts)
            {
                tokens += judge.TokensIn + judge.TokensOut;
                // Eval-service does not report cached tokens for its judges: priced as plain input (an upper bound).
                cost += await prices.CostAsync(judge.Model, judge.TokensIn, 0, judge.TokensOut, cancellationToken);
            }

            if (byId.TryGetValue(verdict.CaseId, out var pair))
            {
                pair.Jury = new ShadowJuryRow(verdict.Decision, verdict.Verdicts);
                pair.Equivalent = pair.Jury.Equivalent;
            }
        }

        foreach (var miss in input.Misses)
        {
            foreach (var rowId in miss.RowIds)
            {
                if (byId.TryGetValue(rowId, out var pair))
                {
                    pair.JudgeError = miss.Error;
                }
            }
        }

        await ShadowRowsFile.WriteAsync(path, rows, input.SimilarityThreshold, cancellationToken);
        return ShadowRowsFile.Tally(rows, input.SimilarityThreshold, input.ByCategory, tokens, cost);
    }
}
