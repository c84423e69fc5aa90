using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>
/// The OpenAI SDK pointed at the gateway, shared by the chat client and the embedding generator, over the
/// named HttpClient <see cref="HttpClientName"/> (service discovery and HTTP telemetry from the service
/// defaults). Workers compose with <c>AddBasicServiceDefaults</c>, which adds no retry handler: Temporal owns
/// retries and waits exactly the gateway's Retry-After. The SDK's own retries are off for the same reason.
/// </summary>
internal sealed class LlmGatewayConnection : IDisposable
{
    public const string HttpClientName = "llm-gateway";

    private readonly HttpClient _http;

    public LlmGatewayConnection(IOptions<LlmGatewayClientOptions> options, IHttpClientFactory httpClients)
    {
        var value = options.Value;
        ApiKey = value.ApiKey!;
        _http = httpClients.CreateClient(HttpClientName);
        var root = value.BaseUrl!.AbsoluteUri.EndsWith('/') ? value.BaseUrl : new Uri(value.BaseUrl.AbsoluteUri + "/");
        Root = root;
        Timeout = value.Timeout;
        Client = new OpenAIClient(new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(root, "v1"),
            NetworkTimeout = value.Timeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(_http),
        });
    }

    public OpenAIClient Client { get; }

    /// <summary>The gateway's root (ends in '/'); API paths are relative to it ("v1/models").</summary>
    public Uri Root { get; }

    /// <summary>Per-call timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>For the few calls the OpenAI SDK does not make (the model lookup).</summary>
    public HttpClient Http => _http;

    /// <summary>Kept to scrub it from any text that reaches an exception message.</summary>
    public string ApiKey { get; }

    public void Dispose() => _http.Dispose();
}
