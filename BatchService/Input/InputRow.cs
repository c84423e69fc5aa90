namespace Agentic.BatchService.Input;

/// <summary>
/// One input row: its position in the input (0-based, blank lines and the CSV header not counted), its id,
/// and its fields; or the reason it could not be read.
/// </summary>
public sealed record InputRow(long Index, string RowId, IReadOnlyDictionary<string, string>? Fields, string? Error)
{
    /// <summary>Id used when the row has none we can read, so its output record still names it.</summary>
    public static string FallbackId(long index) => $"#{index}";
}
