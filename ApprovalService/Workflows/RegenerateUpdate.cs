namespace Agentic.ApprovalService.Workflows;

/// <summary>Redraft the pending LLM items with the reviewer's feedback.</summary>
public sealed record RegenerateUpdate(Reviewer Reviewer, long ExpectedVersion, string Feedback);
