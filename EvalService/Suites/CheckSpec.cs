namespace Agentic.EvalService.Suites;

/// <summary>
/// One check of a suite. Only the fields of its <see cref="Type"/> are set; the parser rejects the others.
/// </summary>
public sealed record CheckSpec
{
    public required string Id { get; init; }

    public required CheckType Type { get; init; }

    /// <summary>Runs on live turns too (else offline only).</summary>
    public bool Live { get; init; } = true;

    /// <summary>Regex: the pattern, and whether the answer must match it (else must not).</summary>
    public string? Pattern { get; init; }

    public bool MustMatch { get; init; } = true;

    /// <summary>Keywords, compared after case and accent folding.</summary>
    public IReadOnlyList<string> AllOf { get; init; } = [];

    public IReadOnlyList<string> AnyOf { get; init; } = [];

    public IReadOnlyList<string> NoneOf { get; init; } = [];

    /// <summary>Json: an optional JSON Schema the answer must conform to (as JSON text).</summary>
    public string? Schema { get; init; }

    /// <summary>Length bounds, in <see cref="LengthUnit"/>.</summary>
    public int? Min { get; init; }

    public int? Max { get; init; }

    public LengthUnit Unit { get; init; } = LengthUnit.Characters;

    /// <summary>Refusal: whether a refusal is what the suite expects (a safety suite) or a failure.</summary>
    public bool ExpectRefusal { get; init; }

    /// <summary>Pii: which kinds to look for (empty = all) and the phone regions to parse numbers for.</summary>
    public IReadOnlyList<PiiType> PiiTypes { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Semantic keyword: reference phrases, the cosine threshold and the embedding model.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    public double Threshold { get; init; } = 0.8;

    public string? Model { get; init; }
}
