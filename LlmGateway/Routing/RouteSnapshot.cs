using Agentic.LlmGateway.Configuration;

namespace Agentic.LlmGateway.Routing;

/// <summary>One immutable view of the routes and the settings they came with; swapped whole on a configuration change.</summary>
public sealed class RouteSnapshot(
    GatewayOptions options,
    IReadOnlyDictionary<string, ModelRoute> models,
    ReadOnlyMemory<byte> modelListJson,
    IReadOnlyDictionary<string, ReadOnlyMemory<byte>> modelJson)
{
    /// <summary>The (valid) configuration this snapshot was built from.</summary>
    public GatewayOptions Options => options;

    public IReadOnlyDictionary<string, ModelRoute> Models => models;

    /// <summary>The body of GET /v1/models, built once per snapshot.</summary>
    public ReadOnlyMemory<byte> ModelListJson => modelListJson;

    public ModelRoute? Find(string model) => models.TryGetValue(model, out var route) ? route : null;

    /// <summary>The body of GET /v1/models/{id}; false for a model the gateway does not serve.</summary>
    public bool TryGetModelJson(string model, out ReadOnlyMemory<byte> json) => modelJson.TryGetValue(model, out json);
}
