using System.Diagnostics;

namespace Agentic.EvalService.Bench;

/// <summary>One finished span as the live benchmark keeps it.</summary>
internal sealed record SpanRecord(
    string Source,
    string Name,
    ActivitySpanId SpanId,
    ActivitySpanId ParentId,
    DateTime Start,
    DateTime End,
    IReadOnlyList<(string Name, DateTime Time)> Events)
{
    public DateTime? Event(string name) => Events.Where(e => e.Name == name).Select(e => (DateTime?)e.Time).FirstOrDefault();
}
