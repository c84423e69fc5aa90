namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// Admission control for LLM calls: reserves requests and tokens before the upstream call and
/// settles the reservation against the provider's reported usage afterwards.
/// </summary>
public interface ITokenRateLimiter
{
    /// <summary>Decides whether a call may go upstream now; reserves its capacity when it may.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(RateLimitRequest request, CancellationToken cancellationToken);

    /// <summary>Corrects an admitted reservation with the tokens the provider really used.</summary>
    ValueTask SettleAsync(RateLimitSettlement settlement, CancellationToken cancellationToken);
}
