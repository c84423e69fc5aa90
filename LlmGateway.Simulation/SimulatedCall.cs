using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>A request that passed the opening every handler shares: authorised, JSON, valid, for a served model.</summary>
internal sealed class SimulatedCall<T>(JsonDocument document, T request) : IDisposable
    where T : class
{
    /// <summary>The body; <see cref="Request"/> may point into it, so it lives as long as the call.</summary>
    public JsonDocument Document => document;

    public T Request => request;

    public void Dispose() => document.Dispose();
}
