namespace Agentic.EvalService.Reports;

/// <summary>One run on a suite's trend line.</summary>
public sealed record TrendPoint(string RunId, DateTimeOffset CreatedAt, int SuiteVersion, string? ScheduleId, int CasesDone, double PassRate, double CostUsd);
