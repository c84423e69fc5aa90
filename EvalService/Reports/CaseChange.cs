using Agentic.EvalService.Storage;

namespace Agentic.EvalService.Reports;

/// <summary>A case whose outcome changed since the previous run of the suite, with both runs' outputs.</summary>
public sealed record CaseChange(StoredCase Previous, StoredCase Current);
