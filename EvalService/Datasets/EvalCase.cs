namespace Agentic.EvalService.Datasets;

/// <summary>
/// One case of a dataset, as read. <see cref="OtherOutput"/> is the second answer of a pairwise case;
/// <see cref="Output"/> is null when the model under test is to write it. A row that could not be read has
/// <see cref="Error"/> set (naming the line and the field) and fails only itself.
/// </summary>
public sealed record EvalCase(
    string CaseId,
    int Index,
    string Input,
    string? Output,
    string? OtherOutput,
    string? Expected,
    string? GoldLabel,
    IReadOnlyList<string> Context,
    string? Error = null);
