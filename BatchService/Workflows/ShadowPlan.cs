namespace Agentic.BatchService.Workflows;

/// <summary>
/// The joined inputs: <see cref="PairsTotal"/> rows present on both sides (or failed while being read), split
/// into <see cref="ChunkCount"/> chunk files of <see cref="ChunkSize"/>; rows found on one side only, counted
/// with the first few ids as a sample (the full lists are files in the output folder).
/// </summary>
public record ShadowPlan(
    long PairsTotal,
    int ChunkCount,
    int ChunkSize,
    long OnlyInBaseline,
    long OnlyInCandidate,
    IReadOnlyList<string> OnlyInBaselineSample,
    IReadOnlyList<string> OnlyInCandidateSample)
{
    public int PairsIn(int chunk) => (int)Math.Min(ChunkSize, PairsTotal - ((long)chunk * ChunkSize));
}
