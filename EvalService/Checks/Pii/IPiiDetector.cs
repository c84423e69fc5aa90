using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>Finds one kind of PII in a text; the scanner resolves overlaps between kinds.</summary>
public interface IPiiDetector
{
    PiiType Type { get; }

    IEnumerable<PiiFinding> Find(string text);
}
