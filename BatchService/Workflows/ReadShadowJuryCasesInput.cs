namespace Agentic.BatchService.Workflows;

public record ReadShadowJuryCasesInput(string OutputLocation, int Chunk);
