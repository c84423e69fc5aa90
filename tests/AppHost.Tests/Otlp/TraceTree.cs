namespace Agentic.AppHost.Tests.Otlp;

/// <summary>The spans of one trace, with the lookups the assertions need.</summary>
public sealed class TraceTree(IReadOnlyList<ReceivedSpan> spans, string callerSpanId)
{
    public IReadOnlyList<ReceivedSpan> Spans => spans;

    /// <summary>Spans whose parent is neither in the trace nor the caller's span: a broken link.</summary>
    public IEnumerable<ReceivedSpan> Orphans
    {
        get
        {
            var ids = spans.Select(span => span.SpanId).ToHashSet(StringComparer.Ordinal);
            return spans.Where(span => span.ParentSpanId != callerSpanId && !ids.Contains(span.ParentSpanId));
        }
    }

    public IEnumerable<ReceivedSpan> Named(string service, string name) =>
        spans.Where(span => span.Service == service && span.Name == name);

    public IEnumerable<ReceivedSpan> ChildrenOf(ReceivedSpan parent) =>
        spans.Where(span => span.ParentSpanId == parent.SpanId);

    /// <summary>Each span of <paramref name="parents"/> followed by its children that match.</summary>
    public IEnumerable<ReceivedSpan> ChildrenOf(IEnumerable<ReceivedSpan> parents, Func<ReceivedSpan, bool> match) =>
        parents.SelectMany(ChildrenOf).Where(match);

    public override string ToString() => string.Join(Environment.NewLine, spans);
}
