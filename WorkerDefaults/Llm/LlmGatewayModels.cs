using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Agentic.LlmGateway.Protocol;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>
/// Looks a model up at the gateway, so a service can refuse work for a model the gateway does not serve, or
/// that cannot do the task, before spending anything. One call, <c>GET /v1/models/{id}</c>; a gateway that
/// predates that endpoint (a 404 without an error body) is asked for its list instead.
/// </summary>
public sealed class LlmGatewayModels
{
    private readonly LlmGatewayConnection _connection;

    internal LlmGatewayModels(LlmGatewayConnection connection) => _connection = connection;

    /// <summary>The model, or null when the gateway does not serve it. Other gateway errors throw its failure.</summary>
    public async Task<LlmGatewayModel?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var response = await GetAsync("v1/models/" + Uri.EscapeDataString(id), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            using var document = JsonDocument.Parse(body);
            return Read(document.RootElement);
        }

        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            throw LlmGatewayFailures.FromResponse(response, body, _connection.ApiKey);
        }

        return string.IsNullOrWhiteSpace(body) ? await FindInListAsync(id, cancellationToken) : null;
    }

    private async Task<LlmGatewayModel?> FindInListAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await GetAsync("v1/models", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw LlmGatewayFailures.FromResponse(response, body, _connection.ApiKey);
        }

        using var document = JsonDocument.Parse(body);
        if (document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var model in data.EnumerateArray())
            {
                if (model.TryGetProperty("id", out var modelId) && modelId.GetString() == id)
                {
                    return Read(model);
                }
            }
        }

        return null;
    }

    private static LlmGatewayModel Read(JsonElement model)
    {
        List<string>? operations = null;
        if (model.TryGetProperty("operations", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            operations = list.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList();
        }

        TokenPrice? price = null;
        if (model.TryGetProperty("pricing", out var pricing) && pricing.ValueKind == JsonValueKind.Object
            && pricing.TryGetProperty("input_per_million", out var input) && input.TryGetDecimal(out var inputPrice)
            && pricing.TryGetProperty("output_per_million", out var output) && output.TryGetDecimal(out var outputPrice))
        {
            var cachedPrice = pricing.TryGetProperty("cached_input_per_million", out var cached) && cached.TryGetDecimal(out var value) ? value : inputPrice;
            price = new TokenPrice(inputPrice, cachedPrice, outputPrice);
        }

        return new LlmGatewayModel(model.GetProperty("id").GetString()!, operations, price);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_connection.Root, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connection.Timeout);
        try
        {
            return await _connection.Http.SendAsync(request, timeout.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException or IOException)
        {
            throw LlmGatewayFailures.Unreachable(e, _connection.ApiKey);
        }
    }
}
