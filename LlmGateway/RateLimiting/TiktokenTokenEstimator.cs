using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.ML.Tokenizers;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// Counts with OpenAI's tiktoken encodings (o200k_base for the GPT-4o/4.1/5 and o-series families, cl100k_base
/// for GPT-4, GPT-3.5 and the text-embedding models) and falls back to four characters a token for models
/// whose tokenizer is not public. Tokenizers are built once per encoding.
/// </summary>
public sealed class TiktokenTokenEstimator(IOptions<RateLimitingOptions> options) : ITokenEstimator
{
    private const string O200k = "o200k_base";
    private const string Cl100k = "cl100k_base";
    private const string Chars = "chars";

    private static readonly Lazy<Tokenizer> O200kTokenizer = new(() => TiktokenTokenizer.CreateForEncoding(O200k));
    private static readonly Lazy<Tokenizer> Cl100kTokenizer = new(() => TiktokenTokenizer.CreateForEncoding(Cl100k));

    private static readonly string[] O200kPrefixes = ["gpt-4o", "chatgpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "gpt-oss"];
    private static readonly string[] Cl100kPrefixes = ["gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada"];

    private readonly ConcurrentDictionary<string, string> _encodingByModel = new(StringComparer.OrdinalIgnoreCase);

    public int EstimatePromptTokens(string model, IEnumerable<string> texts)
    {
        var encoding = _encodingByModel.GetOrAdd(model, ChooseEncoding, options.Value);
        var tokenizer = encoding switch
        {
            O200k => O200kTokenizer.Value,
            Cl100k => Cl100kTokenizer.Value,
            _ => null,
        };

        long total = 0;
        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            total += tokenizer is null ? (text.Length + 3) / 4 : tokenizer.CountTokens(text);
        }

        return (int)Math.Min(total, int.MaxValue);
    }

    /// <summary>The encoding used for <paramref name="model"/>: "o200k_base", "cl100k_base" or "chars".</summary>
    public string EncodingFor(string model) => _encodingByModel.GetOrAdd(model, ChooseEncoding, options.Value);

    private static string ChooseEncoding(string model, RateLimitingOptions options)
    {
        if (options.Models.TryGetValue(model, out var configured) && configured.Tokenizer is { } tokenizer)
        {
            return tokenizer.ToLowerInvariant();
        }

        // Deployment names often carry a provider prefix ("openai/gpt-4o").
        var name = model[(model.LastIndexOf('/') + 1)..];
        if (O200kPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return O200k;
        }

        return Cl100kPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) ? Cl100k : Chars;
    }
}
