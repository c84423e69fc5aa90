using Agentic.Eval.V1;
using Agentic.EvalService.Datasets;

namespace Agentic.EvalService.Grpc;

/// <summary>
/// Turns a request's dataset into a <see cref="DatasetSource"/>, or refuses it naming the field: neither or both
/// of content and location, a file that is not there, inline content too large, no cases at all.
/// </summary>
internal static class DatasetValidator
{
    /// <summary>Inline content travels in workflow inputs: larger datasets go by location.</summary>
    public const int MaxInlineBytes = 1 << 20;

    public static DatasetSource Validate(Dataset? dataset, string field = "dataset")
    {
        if (dataset is null || (dataset.Content.Length == 0 && dataset.Location.Length == 0))
        {
            throw GrpcErrors.Invalid(field, "needs content or a location");
        }

        if (dataset.Content.Length > 0 && dataset.Location.Length > 0)
        {
            throw GrpcErrors.Invalid(field, "content and location are exclusive");
        }

        if (dataset.Content.Length > MaxInlineBytes)
        {
            throw GrpcErrors.Invalid($"{field}.content", $"larger than {MaxInlineBytes} bytes: pass a location instead");
        }

        if (dataset.Location.Length > 0 && !File.Exists(dataset.Location))
        {
            throw GrpcErrors.Invalid($"{field}.location", $"no such file '{dataset.Location}'");
        }

        var format = dataset.Format switch
        {
            Eval.V1.DatasetFormat.Csv => DatasetFileFormat.Csv,
            Eval.V1.DatasetFormat.Jsonl => DatasetFileFormat.Jsonl,
            _ when dataset.Location.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) => DatasetFileFormat.Csv,
            _ => DatasetFileFormat.Jsonl,
        };
        var source = new DatasetSource(
            dataset.Location.Length > 0 ? Path.GetFullPath(dataset.Location) : null,
            dataset.Content.Length > 0 ? dataset.Content : null,
            format,
            dataset.ModelUnderTest.Length > 0 ? dataset.ModelUnderTest : null);
        try
        {
            using var reader = source.Open();
            if (DatasetReader.Count(reader, format) == 0)
            {
                throw GrpcErrors.Invalid(field, "has no cases");
            }
        }
        catch (IOException exception)
        {
            throw GrpcErrors.Invalid($"{field}.location", $"cannot be read: {exception.Message}");
        }

        return source;
    }
}
