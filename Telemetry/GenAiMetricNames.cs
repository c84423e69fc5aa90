namespace Agentic.Telemetry;

/// <summary>
/// OpenTelemetry GenAI semantic-convention client metrics, with the attributes they are tagged by. Not charted
/// yet: the gateway starts emitting them with its GenAI work, and then its test lists them beside its own.
/// </summary>
public static class GenAiMetricNames
{
    public const string OperationDuration = "gen_ai.client.operation.duration";
    public const string TokenUsage = "gen_ai.client.token.usage";

    public const string OperationNameAttribute = "gen_ai.operation.name";
    public const string RequestModelAttribute = "gen_ai.request.model";
    public const string ResponseModelAttribute = "gen_ai.response.model";
    public const string ProviderNameAttribute = "gen_ai.provider.name";
}
