using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Agentic.BatchService.Workflows;
using Agentic.WorkerDefaults.Llm;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Row calls to the gateway's OpenAI-compatible API, with the error mapping every worker uses
/// (<see cref="LlmGatewayFailures"/>): 429 becomes a retryable "LlmRateLimited" failure whose NextRetryDelay is
/// the gateway's Retry-After; 400, 401, 403 and 404 are non-retryable; 5xx is retryable.
/// </summary>
public sealed class GatewayHttpRowModel(HttpClient http) : IRowModel
{
    public const string HttpClientName = "llm-gateway";

    public async Task<RowModelResult> CallAsync(BatchTaskSpec task, string prompt, CancellationToken cancellationToken)
    {
        if (task.Kind == BatchTaskKind.Embedding)
        {
            var body = new JsonObject { ["model"] = task.Model, ["input"] = prompt };
            using var document = await PostAsync("v1/embeddings", body, cancellationToken);
            var root = document.RootElement;
            var vector = root.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            return new RowModelResult(null, vector, Usage(root, "prompt_tokens"), 0);
        }

        var messages = new JsonArray();
        if (task.SystemPrompt is not null)
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = task.SystemPrompt });
        }

        messages.Add(new JsonObject { ["role"] = "user", ["content"] = prompt });
        var request = new JsonObject { ["model"] = task.Model, ["messages"] = messages };
        if (task.MaxTokens is { } maxTokens)
        {
            request["max_tokens"] = maxTokens;
        }

        if (task.Temperature is { } temperature)
        {
            request["temperature"] = temperature;
        }

        if (task.Seed is { } seed)
        {
            request["seed"] = seed;
        }

        if (task.JsonSchema is not null)
        {
            request["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "row", ["schema"] = JsonNode.Parse(task.JsonSchema) },
            };
        }

        using var chat = await PostAsync("v1/chat/completions", request, cancellationToken);
        var text = chat.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        return new RowModelResult(text, null, Usage(chat.RootElement, "prompt_tokens"), Usage(chat.RootElement, "completion_tokens"));
    }

    private static long Usage(JsonElement root, string name) =>
        root.TryGetProperty("usage", out var usage) && usage.TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    private async Task<JsonDocument> PostAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }

        var detail = await response.Content.ReadAsStringAsync(cancellationToken);
        throw LlmGatewayFailures.FromResponse(response, detail, http.DefaultRequestHeaders.Authorization?.Parameter);
    }

    /// <summary>Authorization for every call, set once when the client is created.</summary>
    public static void Configure(HttpClient client, Uri baseUrl, string apiKey, TimeSpan timeout)
    {
        client.BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        client.Timeout = timeout;
    }
}
