namespace Agentic.BatchService.Workflows;

public record CancelBatchSignal(string? Reason);
