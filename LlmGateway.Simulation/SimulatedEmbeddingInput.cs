namespace Agentic.LlmGateway.Simulation;

/// <summary>One embedding input: text, or pre-tokenised ids (hashed as they are).</summary>
internal sealed class SimulatedEmbeddingInput(string? text, IReadOnlyList<int>? tokenIds)
{
    public int Tokens { get; } = text is not null ? SimulatedText.CountTokens(text) : tokenIds!.Count;

    /// <summary>A deterministic unit vector for this input and <paramref name="model"/>.</summary>
    public void Fill(string model, Span<float> vector)
    {
        var hash = DeterministicRandom.Hash(DeterministicRandom.Start, model);
        if (text is not null)
        {
            hash = DeterministicRandom.Hash(hash, text);
        }
        else
        {
            foreach (var id in tokenIds!)
            {
                hash = DeterministicRandom.Hash(hash, id);
            }
        }

        var random = new DeterministicRandom(hash);
        double sumOfSquares = 0;
        for (var i = 0; i < vector.Length; i++)
        {
            // Centred uniform components: direction is spread over the sphere well enough for similarity tests.
            var value = (float)((random.NextDouble() * 2) - 1);
            vector[i] = value;
            sumOfSquares += value * value;
        }

        var scale = (float)(1 / Math.Sqrt(Math.Max(sumOfSquares, double.Epsilon)));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }
    }
}
