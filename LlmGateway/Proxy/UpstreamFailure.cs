namespace Agentic.LlmGateway.Proxy;

/// <summary>One failed attempt: what happened and how long the provider asked us to wait.</summary>
internal sealed record UpstreamFailure(UpstreamFailureKind Kind, int StatusCode, TimeSpan? RetryAfter)
{
    /// <summary>Worth another attempt on the same deployment (a wrong key is not).</summary>
    public bool RetrySameDeployment => Kind != UpstreamFailureKind.Unauthorized;
}
