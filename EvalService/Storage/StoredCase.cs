namespace Agentic.EvalService.Storage;

/// <summary>
/// One case's result in an offline run (eval_case_results). <see cref="ChecksJson"/> and <see cref="JuryJson"/>
/// hold the check outcomes and the jury's decision as JSON (web casing); PII appears only as redacted previews.
/// </summary>
public sealed record StoredCase(
    string RunId,
    string CaseId,
    int CaseIndex,
    string Input,
    string Output,
    string? OtherOutput,
    string? Expected,
    string? GoldLabel,
    CaseState State,
    double? Score,
    int? Choice,
    string ChecksJson,
    string? JuryJson,
    string? Error,
    long TokensIn = 0,
    long TokensOut = 0,
    double CostUsd = 0);
