namespace Agentic.ApprovalService.Planning;

/// <summary>A named section of the LLM's context that may be cut to fit the budget.</summary>
public sealed record ContextPart(string Name, string Text);
