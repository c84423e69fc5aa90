using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks;

/// <summary>Runs one check that needs nothing but the text (all but the semantic keyword check).</summary>
public static class DeterministicChecks
{
    public static bool IsDeterministic(CheckSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Type != CheckType.SemanticKeyword;
    }

    public static CheckOutcome Run(CheckSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(text);
        return spec.Type switch
        {
            CheckType.Regex => RegexCheck.Run(spec, text),
            CheckType.Keywords => KeywordCheck.Run(spec, text),
            CheckType.Json => JsonCheck.Run(spec, text),
            CheckType.Length => LengthCheck.Run(spec, text),
            CheckType.Refusal => RefusalCheck.Run(spec, text),
            CheckType.Pii => PiiCheck.Run(spec, text),
            _ => throw new ArgumentException($"check '{spec.Id}' of type {spec.Type} needs the gateway", nameof(spec)),
        };
    }
}
