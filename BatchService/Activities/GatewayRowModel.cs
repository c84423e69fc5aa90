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

    /// <summary>The chat options key the OpenAI adapter turns into <c>"strict": true</c> on <c>response_format.json_schema</c>.</summary>
    private const string StrictKey = "strict";

    public async Task<RowModelResult> CallAsync(BatchTaskSpec task, string prompt, IReadOnlyList<RowFeedback> feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(feedback);
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
        foreach (var rejected in feedback)
        {
            // The conversation goes on: the model sees its own answer and why it was refused.
            messages.Add(new ChatMessage(ChatRole.Assistant, rejected.Answer));
            messages.Add(new ChatMessage(ChatRole.User,
                $"That answer does not conform to the JSON schema: {rejected.Problem}. Answer again with only the corrected JSON."));
        }

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
            if (task.Kind == BatchTaskKind.Structured)
            {
                // Strict decoding where the provider has it; the answer is validated here either way.
                options.AdditionalProperties = new AdditionalPropertiesDictionary { [StrictKey] = true };
            }
        }

        var response = await chat.GetResponseAsync(messages, options, cancellationToken);
        return new RowModelResult(response.Text, null, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
    }
}
