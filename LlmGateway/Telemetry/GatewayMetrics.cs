using System.Diagnostics;
using System.Diagnostics.Metrics;
using Agentic.LlmGateway.Configuration;
using Agentic.Telemetry;

namespace Agentic.LlmGateway.Telemetry;

/// <summary>
/// The gateway's instruments, tagged by caller, model and provider (the provider that answered, or
/// "gateway" when the gateway answered itself, e.g. with its own 429); and OpenTelemetry's GenAI client
/// instruments (<c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.token.usage</c>) with their
/// semantic-convention attributes, so GenAI dashboards read the gateway as they read an SDK.
/// </summary>
public sealed class GatewayMetrics
{
    public const string GatewayProvider = "gateway";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _inputTokens;
    private readonly Counter<long> _outputTokens;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _operationDuration;
    private readonly Histogram<long> _tokenUsage;
    private readonly Counter<long> _admissions;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _upstreamErrors;
    private readonly Counter<double> _cost;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterNames.LlmGateway);
        _requests = meter.CreateCounter<long>(GatewayMetricNames.Requests, "{request}", "Requests answered, by status code.");
        _rateLimited = meter.CreateCounter<long>(GatewayMetricNames.RateLimited, "{request}", "429s: source=limiter (the gateway's limits) or upstream (a provider's, after retries and failover).");
        _retries = meter.CreateCounter<long>(GatewayMetricNames.Retries, "{attempt}", "Upstream attempts repeated on the same deployment.");
        _failovers = meter.CreateCounter<long>(GatewayMetricNames.Failovers, "{attempt}", "Moves to the next deployment after one failed.");
        _inputTokens = meter.CreateCounter<long>(GatewayMetricNames.InputTokens, "{token}", "Prompt tokens the providers reported.");
        _outputTokens = meter.CreateCounter<long>(GatewayMetricNames.OutputTokens, "{token}", "Completion tokens the providers reported.");
        _duration = meter.CreateHistogram<double>(GatewayMetricNames.RequestDuration, "s", "Time from request to the last response byte.");
        _operationDuration = meter.CreateHistogram<double>(GenAiMetricNames.OperationDuration, "s", "GenAI operation duration: from forwarding to the last response byte, retries and failover included.");
        _tokenUsage = meter.CreateHistogram<long>(GenAiMetricNames.TokenUsage, "{token}", "Tokens per operation as the provider reported them, by gen_ai.token.type (input, output).");
        _admissions = meter.CreateCounter<long>(GatewayMetricNames.Admissions, "{request}", "Limiter decisions: outcome admitted, refused or unavailable; reason is the refusing limit (scope:dimension) or none.");
        _queueWait = meter.CreateHistogram<double>(GatewayMetricNames.QueueWait, "s", "Time a request spent in admission (the limiter's decision, with any wait in its fair queue).");
        _upstreamErrors = meter.CreateCounter<long>(GatewayMetricNames.UpstreamErrors, "{attempt}", "Failed upstream attempts by error.type (rate_limited, server_error, timeout, unreachable, unauthorized).");
        _cost = meter.CreateCounter<double>(GatewayMetricNames.Cost, "USD", "What answered calls cost at the model's configured prices (LlmGateway:Models:{model}:Price).");
    }

    /// <summary>The <c>gen_ai.provider.name</c> of a deployment: the well-known name for known providers, else the configured one.</summary>
    public static string GenAiProviderName(ProviderKind kind, string configuredName) => kind switch
    {
        ProviderKind.OpenAI => "openai",
        ProviderKind.Anthropic => "anthropic",
        ProviderKind.Gemini => "gcp.gemini",
        _ => configuredName,
    };

    public void Operation(string operation, string requestModel, string provider, string? responseModel, string? errorType, TimeSpan elapsed)
    {
        var tags = GenAiTags(operation, requestModel, provider, responseModel);
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _operationDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void TokenUsage(string operation, string requestModel, string provider, string? responseModel, long input, long output)
    {
        var tags = GenAiTags(operation, requestModel, provider, responseModel);
        tags.Add("gen_ai.token.type", "input");
        _tokenUsage.Record(input, tags);
        tags[tags.Count - 1] = new("gen_ai.token.type", "output");
        _tokenUsage.Record(output, tags);
    }

    public void Admission(string model, string priorityClass, string outcome, string reason, TimeSpan wait)
    {
        var tags = new TagList { { "model", model }, { "priority_class", priorityClass }, { "outcome", outcome }, { "reason", reason } };
        _admissions.Add(1, tags);
        _queueWait.Record(wait.TotalSeconds, tags);
    }

    public void UpstreamError(string model, string provider, string errorType) =>
        _upstreamErrors.Add(1, new TagList { { "model", model }, { "provider", provider }, { "error.type", errorType } });

    public void Cost(string caller, string model, string provider, decimal usd) => _cost.Add((double)usd, Tags(caller, model, provider));

    public void Request(string caller, string model, string provider, int statusCode, TimeSpan elapsed)
    {
        var tags = Tags(caller, model, provider);
        tags.Add("http.response.status_code", statusCode);
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    public void RateLimited(string caller, string model, string provider, string source)
    {
        var tags = Tags(caller, model, provider);
        tags.Add("source", source);
        _rateLimited.Add(1, tags);
    }

    public void Retry(string caller, string model, string provider) => _retries.Add(1, Tags(caller, model, provider));

    public void Failover(string caller, string model, string fromProvider) => _failovers.Add(1, Tags(caller, model, fromProvider));

    public void Tokens(string caller, string model, string provider, long input, long output)
    {
        var tags = Tags(caller, model, provider);
        _inputTokens.Add(input, tags);
        _outputTokens.Add(output, tags);
    }

    private static TagList GenAiTags(string operation, string requestModel, string provider, string? responseModel)
    {
        var tags = new TagList { { GenAiMetricNames.OperationNameAttribute, operation }, { GenAiMetricNames.RequestModelAttribute, requestModel }, { GenAiMetricNames.ProviderNameAttribute, provider } };
        if (responseModel is not null)
        {
            tags.Add(GenAiMetricNames.ResponseModelAttribute, responseModel);
        }

        return tags;
    }

    private static TagList Tags(string caller, string model, string provider) => new()
    {
        { "caller", caller },
        { "model", model },
        { "provider", provider },
    };
}
