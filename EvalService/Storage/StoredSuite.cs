using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Storage;

/// <summary>One immutable suite version as stored, with its parsed definition.</summary>
public sealed record StoredSuite(string Name, int Version, string Yaml, SuiteDefinition Definition, DateTimeOffset RegisteredAt, bool Unchanged = false);
