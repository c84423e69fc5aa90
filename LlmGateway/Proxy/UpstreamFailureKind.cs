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
