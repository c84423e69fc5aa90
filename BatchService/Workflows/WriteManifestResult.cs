namespace Agentic.BatchService.Workflows;

public record WriteManifestResult(string ManifestPath, int PartsWritten);
