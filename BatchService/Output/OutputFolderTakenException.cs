namespace Agentic.BatchService.Output;

/// <summary>An output folder that a job may not use; <see cref="Owner"/> is the job that owns it, when one does.</summary>
public sealed class OutputFolderTakenException : Exception
{
    public OutputFolderTakenException()
    {
    }

    public OutputFolderTakenException(string message)
        : base(message)
    {
    }

    public OutputFolderTakenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutputFolderTakenException(string? owner, string message)
        : base(message) => Owner = owner;

    public string? Owner { get; }
}
