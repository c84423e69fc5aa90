using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>Embeddings through the gateway, per call's model or the configured default; errors as Temporal failures.</summary>
internal sealed class LlmGatewayEmbeddingGenerator(LlmGatewayConnection connection, IOptions<LlmGatewayClientOptions> options)
    : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ConcurrentDictionary<string, IEmbeddingGenerator<string, Embedding<float>>> _byModel = new(StringComparer.Ordinal);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await For(options).GenerateAsync(values, options, cancellationToken);
        }
        catch (Exception exception) when (LlmGatewayExceptionTranslator.Translate(exception, connection.ApiKey, cancellationToken) is { } failure)
        {
            throw failure;
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
        // The connection is a singleton of its own and outlives this generator.
    }

    private IEmbeddingGenerator<string, Embedding<float>> For(EmbeddingGenerationOptions? generationOptions)
    {
        var model = string.IsNullOrWhiteSpace(generationOptions?.ModelId) ? options.Value.EmbeddingModel : generationOptions.ModelId;
        return _byModel.GetOrAdd(model, static (name, client) => client.GetEmbeddingClient(name).AsIEmbeddingGenerator(), connection.Client);
    }
}
