namespace Agentic.Telemetry;

/// <summary>
/// OpenTelemetry GenAI semantic-convention client metrics the gateway emits (meter <see cref="MeterNames.LlmGateway"/>),
/// with the attributes they are tagged by.
/// </summary>
public static class GenAiMetricNames
{
    public const string OperationDuration = "gen_ai.client.operation.duration";
    public const string TokenUsage = "gen_ai.client.token.usage";

    public const string OperationNameAttribute = "gen_ai.operation.name";
    public const string RequestModelAttribute = "gen_ai.request.model";
    public const string ResponseModelAttribute = "gen_ai.response.model";
    public const string ProviderNameAttribute = "gen_ai.provider.name";

    /// <summary>Both metrics; a test checks the gateway publishes each.</summary>
    public static readonly IReadOnlyList<string> All = [OperationDuration, TokenUsage];
}
