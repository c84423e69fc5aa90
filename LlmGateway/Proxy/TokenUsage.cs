namespace Agentic.LlmGateway.Proxy;

/// <summary>The tokens a provider says a call used.</summary>
internal readonly record struct TokenUsage(int PromptTokens, int CompletionTokens, int TotalTokens, int CachedPromptTokens = 0)
{
    /// <summary>What the call costs against a tokens-per-minute limit.</summary>
    public int Charged => TotalTokens > 0 ? TotalTokens : PromptTokens + CompletionTokens;
}
