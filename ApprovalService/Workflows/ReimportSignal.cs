namespace Agentic.ApprovalService.Workflows;

/// <summary>A newer import of the same node.</summary>
public sealed record ReimportSignal(NodeSnapshot Node);
