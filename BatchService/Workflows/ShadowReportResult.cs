namespace Agentic.BatchService.Workflows;

public record ShadowReportResult(string ManifestPath, string ReportPath);
