using System.Text;
using Microsoft.ML.Tokenizers;

namespace Agentic.LlmGateway.Simulation;

/// <summary>Deterministic prose and the token counts a GPT-4o-class model would report for it.</summary>
internal static class SimulatedText
{
    /// <summary>Chat framing OpenAI bills per message and for priming the reply.</summary>
    public const int TokensPerMessage = 3;

    public const int ReplyPrimingTokens = 3;

    private static readonly Lazy<Tokenizer> LazyTokenizer = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    private static readonly string[] Words =
    [
        "the", "model", "answer", "data", "request", "result", "system", "value", "process", "token", "quickly",
        "several", "because", "workflow", "review", "policy", "customer", "order", "report", "summary", "clear",
        "signal", "before", "after", "within", "limit", "stream", "batch", "durable", "activity", "retry",
        "gateway", "provider", "latency", "budget", "careful", "simple", "record", "field", "document", "agent",
        "approval", "evaluation", "score", "metric", "sample", "random", "steady", "river", "mountain", "light",
        "green", "blue", "quiet", "bright", "north", "south", "morning", "evening", "window", "garden", "paper",
        "number", "letter", "question", "reason", "example", "detail", "context", "state", "history", "event",
        "input", "output", "format", "schema", "object", "array", "string", "check", "build", "measure", "learn",
        "write", "read", "send", "receive", "choose", "follow", "explain", "compare", "improve", "reduce",
        "increase", "across", "between", "through", "without", "however", "therefore", "also", "often", "rarely",
        "and", "or", "but", "with", "for", "from", "into", "over", "under", "about", "each", "every", "some",
        "many", "few", "first", "last", "next", "small", "large", "early", "late", "new", "old", "good", "fair",
    ];

    public static Tokenizer Tokenizer => LazyTokenizer.Value;

    public static int CountTokens(string text) => text.Length == 0 ? 0 : Tokenizer.CountTokens(text);

    /// <summary>Sentences of <paramref name="count"/> words drawn from <paramref name="random"/>.</summary>
    public static string Prose(ref DeterministicRandom random, int count)
    {
        var builder = new StringBuilder(count * 8);
        var startOfSentence = true;
        for (var i = 0; i < count; i++)
        {
            var word = Words[random.Next(Words.Length)];
            if (i > 0)
            {
                builder.Append(' ');
            }

            if (startOfSentence)
            {
                builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                startOfSentence = false;
            }
            else
            {
                builder.Append(word);
            }

            if (i == count - 1 || random.Next(9) == 0)
            {
                builder.Append('.');
                startOfSentence = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxTokens"/> tokens.</summary>
    public static string Truncate(string text, int maxTokens, out int tokens)
    {
        var index = Tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out tokens);
        return text[..index];
    }
}
