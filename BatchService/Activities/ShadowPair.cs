namespace Agentic.BatchService.Activities;

/// <summary>One joined pair while its chunk is compared; the measures are filled in as they are taken.</summary>
internal sealed class ShadowPair(string? rowId, string? category, string? baseline, string? candidate, string? error)
{
    public string? RowId { get; } = rowId;

    public string? Category { get; } = category;

    public string? Baseline { get; } = baseline;

    public string? Candidate { get; } = candidate;

    /// <summary>Why the row failed: it could not be read or joined, or its similarity could not be measured.</summary>
    public string? Error { get; set; } = error;

    public bool Exact { get; set; }

    public bool Normalized { get; set; }

    public double? Similarity { get; set; }

    public bool? Equivalent { get; set; }

    public string? JudgeError { get; set; }

    /// <summary>Eval-service's jury on this pair, when the comparison has one.</summary>
    public ShadowJuryRow? Jury { get; set; }

    public bool Compared => Error is null;

    public bool Changed => Compared && !Normalized;
}
