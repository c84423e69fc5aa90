namespace Agentic.EvalService.Suites;

/// <summary>A suite that does not parse or validate: which field, on which line, and why.</summary>
public sealed class SuiteValidationException : Exception
{
    public SuiteValidationException()
    {
        Field = "";
    }

    public SuiteValidationException(string message)
        : base(message)
    {
        Field = "";
    }

    public SuiteValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    public SuiteValidationException(string field, long line, string problem, Exception? innerException = null)
        : base($"line {line}: {field}: {problem}", innerException)
    {
        Field = field;
        Line = line;
    }

    /// <summary>Path of the field, e.g. "jury.judges[1].model".</summary>
    public string Field { get; }

    public long Line { get; }
}
