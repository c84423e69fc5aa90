using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Compares one chunk of joined pairs: exact and normalised-text match here, cosine similarity of the two texts'
/// embeddings (many pairs per gateway call), and the judge's verdict on changed pairs. Identical texts are
/// similarity 1 without a call. A call that gives up fails only the rows it was for. The chunk's result
/// records replace any earlier attempt's, so a retried chunk never counts a row twice.
/// </summary>
public sealed class ShadowChunkComparer(
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    IChatClient chat,
    IOptions<BatchOptions> batchOptions,
    IOptions<ShadowOptions> shadowOptions,
    ShadowPrices prices)
{
    public async Task<ShadowTally> CompareAsync(CompareShadowChunkInput input, Action heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(heartbeat);
        var pairs = await ShadowChunkFile.ReadAsync(ShadowPaths.ChunkFile(input.OutputLocation, input.Chunk), cancellationToken);
        foreach (var pair in pairs.Where(p => p.Compared))
        {
            pair.Exact = string.Equals(pair.Baseline, pair.Candidate, StringComparison.Ordinal);
            pair.Normalized = pair.Exact || ShadowText.Normalize(pair.Baseline!) == ShadowText.Normalize(pair.Candidate!);
        }

        foreach (var model in new[] { input.EmbeddingModel, input.JudgeModel }.OfType<string>())
        {
            // Prices first: a gateway that cannot say them fails the chunk before any call is spent.
            await prices.FindAsync(model, cancellationToken);
        }

        var usage = new ShadowUsage();
        if (!string.IsNullOrEmpty(input.EmbeddingModel))
        {
            usage.Add(input.EmbeddingModel, await MeasureSimilarityAsync(pairs, input.EmbeddingModel, heartbeat, cancellationToken));
        }

        if (!string.IsNullOrEmpty(input.JudgeModel))
        {
            usage.Add(input.JudgeModel, await JudgeAsync(pairs, input.JudgeModel, heartbeat, cancellationToken));
        }

        var rows = ShadowPaths.RowsFile(input.OutputLocation, input.Chunk);
        Directory.CreateDirectory(ShadowPaths.RowsDirectory(input.OutputLocation));
        await ShadowRowsFile.WriteAsync(rows, pairs, input.SimilarityThreshold, cancellationToken);
        return ShadowRowsFile.Tally(pairs, input.SimilarityThreshold, input.CategoryColumn is not null, usage.Tokens, await usage.CostAsync(prices, cancellationToken));
    }

    private async Task<ShadowTokens> MeasureSimilarityAsync(List<ShadowPair> pairs, string model, Action heartbeat, CancellationToken cancellationToken)
    {
        var toEmbed = new List<ShadowPair>();
        foreach (var pair in pairs.Where(p => p.Compared))
        {
            if (pair.Exact)
            {
                pair.Similarity = 1;
            }
            else if (string.IsNullOrWhiteSpace(pair.Baseline) || string.IsNullOrWhiteSpace(pair.Candidate))
            {
                // An empty text has no meaning to compare (and providers refuse to embed it).
                pair.Similarity = pair.Normalized ? 1 : 0;
            }
            else
            {
                toEmbed.Add(pair);
            }
        }

        var options = shadowOptions.Value;
        var tokens = 0L;
        await Parallel.ForEachAsync(
            toEmbed.Chunk(options.EmbeddingBatchSize),
            new ParallelOptions { MaxDegreeOfParallelism = options.EmbeddingConcurrency, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var texts = batch.SelectMany(p => new[] { p.Baseline!, p.Candidate! }).ToList();
                var (generated, error) = await ShadowGatewayCall.RunAsync(
                    call => embeddings.GenerateAsync(texts, new EmbeddingGenerationOptions { ModelId = model }, call), batchOptions.Value, token);
                if (generated is null || generated.Count != texts.Count)
                {
                    var message = error is null ? $"the gateway returned {generated?.Count} embeddings for {texts.Count} texts" : $"{error.Kind}: {error.Message}";
                    foreach (var pair in batch)
                    {
                        pair.Error = $"similarity: {message}";
                    }
                }
                else
                {
                    for (var i = 0; i < batch.Length; i++)
                    {
                        batch[i].Similarity = ShadowText.Cosine(generated[2 * i].Vector.Span, generated[(2 * i) + 1].Vector.Span);
                    }

                    Interlocked.Add(ref tokens, generated.Usage?.InputTokenCount ?? 0);
                }

                heartbeat();
            });
        return new ShadowTokens(tokens, 0, 0);
    }

    private async Task<ShadowTokens> JudgeAsync(List<ShadowPair> pairs, string model, Action heartbeat, CancellationToken cancellationToken)
    {
        var judge = new ShadowJudge(chat, model);
        var total = new ShadowTokens(0, 0, 0);
        var gate = new Lock();
        await Parallel.ForEachAsync(
            pairs.Where(p => p.Changed).ToList(),
            new ParallelOptions { MaxDegreeOfParallelism = shadowOptions.Value.JudgeConcurrency, CancellationToken = cancellationToken },
            async (pair, token) =>
            {
                var (verdict, error) = await ShadowGatewayCall.RunAsync(
                    async call => new JudgeVerdict(await judge.JudgeAsync(pair.Baseline!, pair.Candidate!, call)), batchOptions.Value, token);
                if (verdict is null)
                {
                    pair.JudgeError = $"{error!.Kind}: {error.Message}";
                }
                else
                {
                    (pair.Equivalent, pair.JudgeError, var spent) = verdict.Answer;
                    lock (gate)
                    {
                        total += spent;
                    }
                }

                heartbeat();
            });
        return total;
    }

    private sealed record JudgeVerdict((bool? Equivalent, string? Error, ShadowTokens Tokens) Answer);
}
