using Agentic.BatchService.Input;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Grpc;

/// <summary>
/// A Parquet job's input is checked before the job starts: the file is Parquet, its selected columns and row id
/// column exist as flat values, and every template placeholder is one of the columns read.
/// </summary>
internal static class ParquetInputCheck
{
    public static async Task RequireAsync(BatchJobInput job, CancellationToken cancellationToken)
    {
        if (job.Input.Format != BatchInputFormat.Parquet)
        {
            return;
        }

        IReadOnlyList<string> columns;
        try
        {
            await using var reader = await ParquetInputReader.OpenAsync(job.Input.Path, job.Input.RowIdColumn, job.Input.Columns, cancellationToken);
            columns = reader.Columns;
        }
        catch (InvalidDataException e)
        {
            var field = e.Message.Contains("(the row id column)", StringComparison.Ordinal) ? "input.row_id_column"
                : e.Message.Contains("not a readable Parquet file", StringComparison.Ordinal) ? "input.location"
                : "input.columns";
            throw StartBatchValidator.Invalid(field, e.Message);
        }

        if (PromptTemplate.Parse(job.Task.PromptTemplate).Fields.FirstOrDefault(f => !columns.Contains(f, StringComparer.Ordinal)) is { } unknown)
        {
            throw StartBatchValidator.Invalid("task.prompt_template",
                $"placeholder '{{{{{unknown}}}}}' is not a column read from the Parquet file (columns: {string.Join(", ", columns.Select(c => $"'{c}'"))})");
        }
    }
}
