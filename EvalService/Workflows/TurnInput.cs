using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

/// <summary>One conversation turn to evaluate live, with the suite version it is held to.</summary>
public sealed record TurnInput(
    string TurnId,
    string Suite,
    int SuiteVersion,
    SuiteDefinition Definition,
    string UserRequest,
    string AssistantResponse,
    IReadOnlyList<string> Context,
    string? CallbackUrl);
