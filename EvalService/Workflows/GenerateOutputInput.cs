namespace Agentic.EvalService.Workflows;

/// <summary>Asks the model under test to answer a case's input (with its context, if any).</summary>
public sealed record GenerateOutputInput(string Model, string Input, IReadOnlyList<string> Context);
