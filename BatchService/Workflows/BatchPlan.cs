namespace Agentic.BatchService.Workflows;

/// <summary>
/// The partition of the input: part i covers rows [i * BatchSize, min((i + 1) * BatchSize, TotalRows)).
/// Byte offsets of each part live in the file at <see cref="IndexPath"/>, not in history.
/// </summary>
public record BatchPlan(long TotalRows, int PartCount, int BatchSize, string IndexPath)
{
    public long FirstRowOf(int part) => (long)part * BatchSize;

    public int RowCountOf(int part) => (int)Math.Min(BatchSize, TotalRows - FirstRowOf(part));
}
