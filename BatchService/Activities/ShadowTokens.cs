using Microsoft.Extensions.AI;

namespace Agentic.BatchService.Activities;

/// <summary>Tokens of some gateway calls: input (of which <see cref="CachedInput"/> came from the provider's cache) and output.</summary>
internal readonly record struct ShadowTokens(long Input, long CachedInput, long Output)
{
    public long Total => Input + Output;

    public static ShadowTokens Of(UsageDetails? usage) =>
        new(usage?.InputTokenCount ?? 0, usage?.CachedInputTokenCount ?? 0, usage?.OutputTokenCount ?? 0);

    public static ShadowTokens operator +(ShadowTokens left, ShadowTokens right) =>
        new(left.Input + right.Input, left.CachedInput + right.CachedInput, left.Output + right.Output);
}
