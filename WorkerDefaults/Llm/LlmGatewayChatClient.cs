using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>
/// <see cref="IChatClient"/> over the gateway: any model the gateway routes (per call with
/// <c>ChatOptions.ModelId</c>, else the configured default), gateway errors thrown as Temporal failures.
/// </summary>
internal sealed class LlmGatewayChatClient(LlmGatewayConnection connection, IOptions<LlmGatewayClientOptions> options) : IChatClient
{
    private readonly ConcurrentDictionary<string, IChatClient> _byModel = new(StringComparer.Ordinal);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await For(options).GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception exception) when (LlmGatewayExceptionTranslator.Translate(exception, connection.ApiKey, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = For(options).GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates)
        {
            while (true)
            {
                // A stream fails while it is read, so every step is translated, not only the call.
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        yield break;
                    }
                }
                catch (Exception exception) when (LlmGatewayExceptionTranslator.Translate(exception, connection.ApiKey, cancellationToken) is { } failure)
                {
                    throw failure;
                }

                yield return updates.Current;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(this) ? this : For(null).GetService(serviceType);
    }

    public void Dispose()
    {
        // The connection is a singleton of its own and outlives this client.
    }

    private IChatClient For(ChatOptions? chatOptions)
    {
        var model = string.IsNullOrWhiteSpace(chatOptions?.ModelId) ? options.Value.ChatModel : chatOptions.ModelId;
        return _byModel.GetOrAdd(model, static (name, client) => client.GetChatClient(name).AsIChatClient(), connection.Client);
    }
}
