using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Workflows;

/// <summary>
/// One conversation turn to evaluate live, with the suite version it is held to. <see cref="AnswerBy"/> is when
/// eval-service answers the caller by the late policy if the jury has not decided: the workflow keeps the same
/// deadline, so it records the late answer even if eval-service's own word of it never arrives.
/// </summary>
public sealed record TurnInput(
    string TurnId,
    string Suite,
    int SuiteVersion,
    SuiteDefinition Definition,
    string UserRequest,
    string AssistantResponse,
    IReadOnlyList<string> Context,
    string? CallbackUrl,
    DateTimeOffset? AnswerBy = null);
