namespace Agentic.LlmGateway.Requests;

/// <summary>
/// What the gateway learned about one API request, filled in as it goes (caller once authenticated, model once
/// routed, provider once answered) and read at the end for the request log and <c>llm_gateway.requests</c>.
/// </summary>
public sealed class GatewayRequestFeature(string requestId)
{
    /// <summary>Tag value while the caller is not (yet) known, e.g. on a 401.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Tag value while the model is not (yet) known, e.g. on a malformed body or an unknown name.</summary>
    public const string NoModel = "none";

    /// <summary>"req_" and 32 hex digits: sent upstream and back to the caller as <c>x-request-id</c>.</summary>
    public string RequestId => requestId;

    public string Caller { get; set; } = Anonymous;

    /// <summary>A configured public model name, never a name the caller made up (metric tags stay bounded).</summary>
    public string Model { get; set; } = NoModel;

    public string Provider { get; set; } = Telemetry.GatewayMetrics.GatewayProvider;
}
