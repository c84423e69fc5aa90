namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// What the gateway needs from a request body, read once without re-serialising it: the model, streaming,
/// the completion allowance, the prompt texts for the token estimate, and where the model name and
/// stream options sit so a deployment can rewrite just those bytes.
/// </summary>
internal sealed class LlmRequest
{
    public required string Model { get; init; }

    /// <summary>Byte range of the model's JSON string token (quotes included).</summary>
    public required Range ModelToken { get; init; }

    /// <summary>Index just after the root object's opening brace.</summary>
    public required int RootBodyStart { get; init; }

    public bool Stream { get; init; }

    /// <summary>max_completion_tokens or max_tokens, when the caller set one.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>True when the caller asked for the usage chunk (stream_options.include_usage = true).</summary>
    public bool CallerWantsUsage { get; init; }

    /// <summary>Byte range of the stream_options value; null when absent.</summary>
    public Range? StreamOptionsToken { get; init; }

    /// <summary>True when stream_options is an object with no members.</summary>
    public bool StreamOptionsEmpty { get; init; }

    /// <summary>Byte range of stream_options.include_usage's value; null when absent.</summary>
    public Range? IncludeUsageToken { get; init; }

    /// <summary>Message contents or embedding inputs, for the tokenizer.</summary>
    public List<string> Texts { get; } = [];

    /// <summary>Tokens the caller sent already tokenised (embedding inputs given as token arrays).</summary>
    public int PreTokenized { get; set; }
}
