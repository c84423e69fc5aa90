namespace Agentic.EvalService.Datasets;

/// <summary>
/// Where an offline run's cases come from: a file eval-service can read, or content sent inline (small
/// datasets only: it travels in the workflow's input). <see cref="ModelUnderTest"/> writes missing outputs.
/// </summary>
public sealed record DatasetSource(string? Location, string? Content, DatasetFileFormat Format, string? ModelUnderTest)
{
    public string Describe => Location ?? "inline";

    public TextReader Open() => Content is not null
        ? new StringReader(Content)
        : new StreamReader(Location ?? throw new InvalidOperationException("a dataset needs a location or content"));
}
