using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks;

/// <summary>Length bounds in characters or words.</summary>
public static class LengthCheck
{
    public static CheckOutcome Run(CheckSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(text);
        var length = spec.Unit == LengthUnit.Words
            ? text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length
            : text.Length;
        var passed = (spec.Min is null || length >= spec.Min) && (spec.Max is null || length <= spec.Max);
        var unit = spec.Unit == LengthUnit.Words ? "words" : "characters";
        return CheckOutcome.Of(spec, passed, passed ? 1 : 0, $"{length} {unit} (min {spec.Min?.ToString() ?? "-"}, max {spec.Max?.ToString() ?? "-"})");
    }
}
