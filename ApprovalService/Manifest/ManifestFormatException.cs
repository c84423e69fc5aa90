namespace Agentic.ApprovalService.Manifest;

/// <summary>A dbt artifact the service cannot use; the message names the file and the problem.</summary>
public sealed class ManifestFormatException : Exception
{
    public ManifestFormatException()
    {
    }

    public ManifestFormatException(string message)
        : base(message)
    {
    }

    public ManifestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
