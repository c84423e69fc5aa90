namespace Agentic.EvalService.Storage;

public sealed class DatabaseNotConfiguredException : InvalidOperationException
{
    public DatabaseNotConfiguredException()
    {
    }

    public DatabaseNotConfiguredException(string message)
        : base(message)
    {
    }

    public DatabaseNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
