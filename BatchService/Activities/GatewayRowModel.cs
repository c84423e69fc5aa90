using System.Text.Json;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.AI;

namespace Agentic.BatchService.Activities;

/// <summary>
/// Row calls through the shared gateway client (WorkerDefaults' <see cref="IChatClient"/> and
/// <see cref="IEmbeddingGenerator{String, Embedding}"/>). Its failures are already Temporal failures: 429 is a
/// retryable "LlmRateLimited" whose NextRetryDelay is the gateway's Retry-After, which <see cref="RowRunner"/>
/// waits per row; tokens come from the usage the gateway reports.
/// </summary>
public sealed class GatewayRowModel(IChatClient chat, IEmbeddingGenerator<string, Embedding<float>> embeddings) : IRowModel
{
    private const string SchemaName = "row";

    public async Task<RowModelResult> CallAsync(BatchTaskSpec task, string prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Kind == BatchTaskKind.Embedding)
        {
            var generated = await embeddings.GenerateAsync([prompt], new EmbeddingGenerationOptions { ModelId = task.Model }, cancellationToken);
            return new RowModelResult(null, generated[0].Vector.ToArray(), generated.Usage?.InputTokenCount ?? 0, 0);
        }

        var messages = new List<ChatMessage>();
        if (task.SystemPrompt is not null)
        {
            messages.Add(new ChatMessage(ChatRole.System, task.SystemPrompt));
        }

        messages.Add(new ChatMessage(ChatRole.User, prompt));
        var options = new ChatOptions
        {
            ModelId = task.Model,
            MaxOutputTokens = task.MaxTokens,
            Temperature = task.Temperature is { } temperature ? (float)temperature : null,
            Seed = task.Seed,
        };
        if (task.JsonSchema is not null)
        {
            using var schema = JsonDocument.Parse(task.JsonSchema);
            options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone(), SchemaName);
        }

        var response = await chat.GetResponseAsync(messages, options, cancellationToken);
        return new RowModelResult(response.Text, null, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
    }
}
