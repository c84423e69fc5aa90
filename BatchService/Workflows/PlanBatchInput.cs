namespace Agentic.BatchService.Workflows;

public record PlanBatchInput(string JobId, BatchInputSpec Input, int BatchSize, string OutputLocation);
