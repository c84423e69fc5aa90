namespace Agentic.Telemetry;

/// <summary>The gateway's own instruments (meter <see cref="MeterNames.LlmGateway"/>; tags caller, model, provider).</summary>
public static class GatewayMetricNames
{
    public const string Requests = "llm_gateway.requests";
    public const string RateLimited = "llm_gateway.rate_limited";
    public const string Retries = "llm_gateway.retries";
    public const string Failovers = "llm_gateway.failovers";
    public const string InputTokens = "llm_gateway.tokens.input";
    public const string OutputTokens = "llm_gateway.tokens.output";
    public const string RequestDuration = "llm_gateway.request.duration";
    public const string Admissions = "llm_gateway.admissions";
    public const string QueueWait = "llm_gateway.queue.wait";
    public const string UpstreamErrors = "llm_gateway.upstream.errors";

    /// <summary>What answered calls cost at the configured prices, in USD.</summary>
    public const string Cost = "llm_gateway.cost";

    /// <summary>Every name above; a test checks the gateway publishes each.</summary>
    public static readonly IReadOnlyList<string> All =
        [Requests, RateLimited, Retries, Failovers, InputTokens, OutputTokens, RequestDuration, Admissions, QueueWait, UpstreamErrors, Cost];
}
