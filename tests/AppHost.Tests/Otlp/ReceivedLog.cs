namespace Agentic.AppHost.Tests.Otlp;

/// <summary>A log record as a process exported it: the scopes' keys are among its attributes.</summary>
public sealed record ReceivedLog(
    string Service,
    string Category,
    int SeverityNumber,
    string Body,
    string TraceId,
    string SpanId,
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>OTLP severity numbers 9–12 are INFO; Information and above is 9 or more.</summary>
    public bool IsInformationOrAbove => SeverityNumber >= 9;

    public override string ToString() => $"{Service} [{SeverityNumber}] {Category}: {Body} {{{string.Join(", ", Attributes.Select(a => $"{a.Key}={a.Value}"))}}}";
}
