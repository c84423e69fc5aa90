using Agentic.BatchService.Workflows;
using Parquet.Schema;

namespace Agentic.BatchService.Output;

/// <summary>
/// Columns of a Parquet output part, derived from the task: the JSONL record flattened, with
/// <c>output_text</c> and <c>output_json</c> for chat tasks and <c>output_embedding</c> (the vector as a JSON
/// array) for embedding tasks.
/// </summary>
public sealed class ParquetOutputSchema
{
    private ParquetOutputSchema(BatchTaskKind kind)
    {
        Kind = kind;
        var output = kind == BatchTaskKind.Embedding
            ? new Field[] { Embedding }
            : [Text, Json];
        Schema = new ParquetSchema(
            [RowId, Row, Line, Status, .. output, PromptTokens, CompletionTokens, Attempts, ErrorKind, ErrorStatus, ErrorMessage, ErrorLine, ErrorColumn]);
    }

    public BatchTaskKind Kind { get; }

    public ParquetSchema Schema { get; }

    public DataField RowId { get; } = new DataField("row_id", typeof(string), isNullable: true);

    public DataField Row { get; } = new DataField<long>("row");

    public DataField Line { get; } = new DataField<long?>("line");

    public DataField Status { get; } = new DataField("status", typeof(string), isNullable: false);

    public DataField Text { get; } = new DataField("output_text", typeof(string), isNullable: true);

    public DataField Json { get; } = new DataField("output_json", typeof(string), isNullable: true);

    public DataField Embedding { get; } = new DataField("output_embedding", typeof(string), isNullable: true);

    public DataField PromptTokens { get; } = new DataField<long>("prompt_tokens");

    public DataField CompletionTokens { get; } = new DataField<long>("completion_tokens");

    public DataField Attempts { get; } = new DataField<int>("attempts");

    public DataField ErrorKind { get; } = new DataField("error_kind", typeof(string), isNullable: true);

    public DataField ErrorStatus { get; } = new DataField<int?>("error_status");

    public DataField ErrorMessage { get; } = new DataField("error_message", typeof(string), isNullable: true);

    public DataField ErrorLine { get; } = new DataField<long?>("error_line");

    public DataField ErrorColumn { get; } = new DataField<int?>("error_column");

    public static ParquetOutputSchema For(BatchTaskKind kind) => new(kind);
}
