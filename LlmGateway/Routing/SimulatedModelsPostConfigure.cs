using Agentic.LlmGateway.Configuration;
using Agentic.LlmGateway.Simulation;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Routing;

/// <summary>
/// Adds every public model name to the simulated provider's list, so a model whose real provider has no key
/// (and is therefore routed to the simulation) is answered rather than refused as unknown.
/// </summary>
internal sealed class SimulatedModelsPostConfigure(IOptions<GatewayOptions> gateway) : IPostConfigureOptions<SimulatedProviderOptions>
{
    public void PostConfigure(string? name, SimulatedProviderOptions options)
    {
        var models = new List<string>(options.Models.Count > 0 ? options.Models : SimulatedProviderOptions.DefaultModels);
        foreach (var model in gateway.Value.Models.Keys)
        {
            if (!models.Contains(model, StringComparer.Ordinal))
            {
                models.Add(model);
            }
        }

        options.Models = models;
    }
}
