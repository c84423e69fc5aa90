namespace Agentic.BatchService.Input;

/// <summary>
/// A 64-bit FNV-1a hash of a row id: planning keeps one per row (eight bytes, not the id) to find repeated
/// ids, and confirms candidates against the ids themselves, so a hash collision never refuses a job.
/// </summary>
public static class RowIdHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(string id)
    {
        var hash = OffsetBasis;
        foreach (var c in id)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }
}
