namespace Agentic.AppHost.Tests.Otlp;

/// <summary>A span as a process exported it: ids in lower-case hex, the parent id empty for a root.</summary>
public sealed record ReceivedSpan(
    string Service,
    string Scope,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    ReceivedSpanKind Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    public override string ToString() => $"{Service} {Kind} \"{Name}\" ({Scope}) {SpanId} <- {(ParentSpanId.Length == 0 ? "root" : ParentSpanId)}";
}
