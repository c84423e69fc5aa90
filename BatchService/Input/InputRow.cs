using Agentic.BatchService.Output;

namespace Agentic.BatchService.Input;

/// <summary>
/// One input row: its position among the rows (0-based, blank lines and the CSV header not counted), its
/// physical line in the file (1-based, when known), its id and fields; or why it could not be read. A row
/// whose id cannot be read has a null id (written as JSON null, which no real id can equal); a malformed row
/// whose id is readable keeps it.
/// </summary>
public sealed record InputRow(long Index, long? Line, string? RowId, IReadOnlyDictionary<string, string>? Fields, RowError? Error);
