using System.Text.Json;

namespace Agentic.LlmGateway.Simulation;

/// <summary>Reads one kind of request from its JSON body, or says which field is wrong.</summary>
internal delegate T? SimulatedRequestParser<T>(JsonElement root, out SimulatedRequestError? error)
    where T : class;
