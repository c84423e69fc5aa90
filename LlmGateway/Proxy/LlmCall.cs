using Agentic.LlmGateway.Auth;
using Agentic.LlmGateway.Routing;

namespace Agentic.LlmGateway.Proxy;

/// <summary>One caller request on its way through the gateway: what was asked and what came back.</summary>
internal sealed class LlmCall(CallerIdentity caller, ModelRoute route, LlmRequest request, LlmOperation operation)
{
    public CallerIdentity Caller => caller;

    public ModelRoute Route => route;

    public LlmRequest Request => request;

    public LlmOperation Operation => operation;

    /// <summary>Usage the provider reported (the response's "usage", or a stream's usage chunk).</summary>
    public TokenUsage? Usage { get; set; }

    /// <summary>A stream reached "data: [DONE]".</summary>
    public bool StreamCompleted { get; set; }

    /// <summary>A stream broke after bytes went to the caller; the caller got an error event.</summary>
    public bool StreamInterrupted { get; set; }

    /// <summary>The deployment whose answer reached the caller (or was tried last).</summary>
    public Deployment? Deployment { get; set; }
}
