using System.Numerics.Tensors;
using Agentic.EvalService.Checks;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.AI;
using Temporalio.Activities;

namespace Agentic.EvalService.Activities;

/// <summary>The checks: deterministic ones in-process (run as local activities), the semantic one through the gateway.</summary>
public sealed class CheckActivities(IEmbeddingGenerator<string, Embedding<float>> embeddings)
{
    [Activity]
    public RunChecksResult RunChecks(RunChecksInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new RunChecksResult(input.Checks.Select(check => DeterministicChecks.Run(check, input.Text)).ToList());
    }

    /// <summary>Passes when the answer's embedding is close enough (cosine) to at least one reference phrase.</summary>
    [Activity]
    public async Task<CheckOutcome> RunSemanticCheckAsync(SemanticCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var check = input.Check;
        var options = check.Model is { Length: > 0 } model ? new EmbeddingGenerationOptions { ModelId = model } : null;
        var vectors = await embeddings.GenerateAsync([input.Text, .. check.References], options, ActivityExecutionContext.Current.CancellationToken);
        var answer = vectors[0].Vector.Span;
        var best = 0.0;
        var bestIndex = 0;
        for (var i = 1; i < vectors.Count; i++)
        {
            var similarity = TensorPrimitives.CosineSimilarity(answer, vectors[i].Vector.Span);
            if (similarity > best || i == 1)
            {
                best = similarity;
                bestIndex = i - 1;
            }
        }

        var passed = best >= check.Threshold;
        return CheckOutcome.Of(check, passed, Math.Clamp(best, 0, 1), $"closest reference '{check.References[bestIndex]}' at cosine {best:F3} (threshold {check.Threshold})");
    }
}
