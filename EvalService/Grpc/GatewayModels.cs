using System.Net;
using Agentic.WorkerDefaults.Llm;
using Microsoft.Extensions.Options;

namespace Agentic.EvalService.Grpc;

/// <summary>Asks the gateway whether it routes a model (GET /v1/models/{id}), with eval-service's caller key.</summary>
public sealed class GatewayModels(IHttpClientFactory http, IOptions<LlmGatewayClientOptions> options)
{
    public const string HttpClientName = "eval-gateway-models";

    public async Task<bool> ExistsAsync(string model, CancellationToken cancellationToken)
    {
        var gateway = options.Value;
        var root = gateway.BaseUrl!.AbsoluteUri.TrimEnd('/');
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{root}/v1/models/{Uri.EscapeDataString(model)}");
        request.Headers.Authorization = new("Bearer", gateway.ApiKey);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            var status => throw new HttpRequestException($"the gateway answered {(int)status} to a model lookup", null, status),
        };
    }
}
