namespace Agentic.WorkerDefaults.Llm;

/// <summary>Where the LLM gateway is and this service's caller key (section "LlmGateway").</summary>
public sealed class LlmGatewayClientOptions
{
    public const string SectionName = "LlmGateway";

    /// <summary>The gateway's root, e.g. http://llm-gateway/ (requests go to "v1/chat/completions").</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The caller key the gateway maps to this service and its priority class. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Per-call timeout; a timed-out call is a retryable "LlmUpstreamError".</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Model used when a call's <c>ChatOptions.ModelId</c> is not set.</summary>
    public string ChatModel { get; set; } = "sim-chat";

    /// <summary>Model used when a call's <c>EmbeddingGenerationOptions.ModelId</c> is not set.</summary>
    public string EmbeddingModel { get; set; } = "sim-embed";

    /// <summary>Without the key, so options can be logged or shown in a debugger safely.</summary>
    public override string ToString() => $"LlmGateway {{ BaseUrl = {BaseUrl}, Timeout = {Timeout}, ChatModel = {ChatModel}, EmbeddingModel = {EmbeddingModel} }}";
}
