namespace Agentic.LlmGateway.Proxy;

/// <summary>Why an upstream attempt gave nothing to the caller.</summary>
internal enum UpstreamFailureKind
{
    /// <summary>429 from the provider.</summary>
    RateLimited,

    /// <summary>5xx or 408 from the provider.</summary>
    ServerError,

    /// <summary>No answer in time.</summary>
    Timeout,

    /// <summary>Could not connect or send.</summary>
    Unreachable,

    /// <summary>401/403: the gateway's key for this provider is wrong (not the caller's fault).</summary>
    Unauthorized,
}

/// <summary>One failed attempt: what happened and how long the provider asked us to wait.</summary>
internal sealed record UpstreamFailure(UpstreamFailureKind Kind, int StatusCode, TimeSpan? RetryAfter)
{
    /// <summary>Worth another attempt on the same deployment (a wrong key is not).</summary>
    public bool RetrySameDeployment => Kind != UpstreamFailureKind.Unauthorized;
}
