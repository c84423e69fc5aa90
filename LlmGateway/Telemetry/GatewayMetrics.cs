using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Agentic.LlmGateway.Telemetry;

/// <summary>
/// The gateway's instruments, tagged by caller, model and provider (the provider that answered, or
/// "gateway" when the gateway answered itself, e.g. with its own 429).
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

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(GatewayTelemetry.Name);
        _requests = meter.CreateCounter<long>("llm_gateway.requests", "{request}", "Requests answered, by status code.");
        _rateLimited = meter.CreateCounter<long>("llm_gateway.rate_limited", "{request}", "429s: source=limiter (the gateway's limits) or upstream (a provider's, after retries and failover).");
        _retries = meter.CreateCounter<long>("llm_gateway.retries", "{attempt}", "Upstream attempts repeated on the same deployment.");
        _failovers = meter.CreateCounter<long>("llm_gateway.failovers", "{attempt}", "Moves to the next deployment after one failed.");
        _inputTokens = meter.CreateCounter<long>("llm_gateway.tokens.input", "{token}", "Prompt tokens the providers reported.");
        _outputTokens = meter.CreateCounter<long>("llm_gateway.tokens.output", "{token}", "Completion tokens the providers reported.");
        _duration = meter.CreateHistogram<double>("llm_gateway.request.duration", "s", "Time from request to the last response byte.");
    }

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

    private static TagList Tags(string caller, string model, string provider) => new()
    {
        { "caller", caller },
        { "model", model },
        { "provider", provider },
    };
}
