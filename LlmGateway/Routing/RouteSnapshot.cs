namespace Agentic.LlmGateway.Routing;

/// <summary>One immutable view of the routes; swapped whole on a configuration change.</summary>
public sealed class RouteSnapshot(IReadOnlyDictionary<string, ModelRoute> models, ReadOnlyMemory<byte> modelListJson)
{
    public IReadOnlyDictionary<string, ModelRoute> Models => models;

    /// <summary>The body of GET /v1/models, built once per snapshot.</summary>
    public ReadOnlyMemory<byte> ModelListJson => modelListJson;

    public ModelRoute? Find(string model) => models.TryGetValue(model, out var route) ? route : null;
}
