namespace Agentic.EvalService.Storage;

/// <summary>An offline run as first recorded, before any case has been read. <see cref="RequestHash"/> identifies the request.</summary>
public sealed record NewRun(
    string RunId,
    string RequestHash,
    string Suite,
    int SuiteVersion,
    string DatasetLocation,
    string DatasetFormat,
    string? ModelUnderTest,
    string? ScheduleId);
