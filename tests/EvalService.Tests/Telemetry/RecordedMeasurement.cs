namespace Agentic.EvalService.Tests.Telemetry;

/// <summary>One measurement a <see cref="MetricRecorder"/> saw.</summary>
public sealed record RecordedMeasurement(string Name, double Value, IReadOnlyDictionary<string, string> Tags);
