using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Extensions;

/// <summary>
/// Turns a gateway that cannot start (no Redis configured, a port in use, invalid settings) into one line on
/// standard error and exit code 1, instead of an unhandled exception's stack trace and an abort (134).
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    public static int Run(Action run, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            run();
            return 0;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            (error ?? Console.Error).WriteLine("llm-gateway cannot start: " + Describe(exception));
            return ExitCode;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
        OptionsValidationException validation => "invalid configuration: " + string.Join(" ", validation.Failures),
        IOException { InnerException: { } inner } io when io.Message.Contains("bind", StringComparison.OrdinalIgnoreCase) => $"{io.Message} ({inner.Message})",
        _ => OneLine(exception.Message),
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
