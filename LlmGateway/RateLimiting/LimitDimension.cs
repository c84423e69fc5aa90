namespace Agentic.LlmGateway.RateLimiting;

internal enum LimitDimension
{
    Requests,
    Tokens,
}
