namespace Agentic.BatchService.Workflows;

/// <summary>Writes a failed record for every row of a batch whose child workflow gave up.</summary>
public record WriteFailedPartInput(BatchPartInput Part, string Error);
