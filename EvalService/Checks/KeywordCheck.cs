using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks;

/// <summary>
/// All-of, any-of and none-of keyword lists, compared after case and accent folding. The score is the share of
/// conditions met, so a near miss scores above a complete miss.
/// </summary>
public static class KeywordCheck
{
    public static CheckOutcome Run(CheckSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var folded = TextFolding.Fold(text);
        bool Has(string keyword) => folded.Contains(TextFolding.Fold(keyword), StringComparison.Ordinal);

        var evidence = new List<string>();
        var conditions = 0;
        var met = 0;
        foreach (var keyword in spec.AllOf)
        {
            conditions++;
            if (Has(keyword))
            {
                met++;
            }
            else
            {
                evidence.Add($"missing '{keyword}'");
            }
        }

        if (spec.AnyOf.Count > 0)
        {
            conditions++;
            if (spec.AnyOf.Any(Has))
            {
                met++;
            }
            else
            {
                evidence.Add($"none of '{string.Join("', '", spec.AnyOf)}'");
            }
        }

        foreach (var keyword in spec.NoneOf)
        {
            conditions++;
            if (Has(keyword))
            {
                evidence.Add($"forbidden '{keyword}'");
            }
            else
            {
                met++;
            }
        }

        var passed = met == conditions;
        return new CheckOutcome(spec.Id, spec.Type, passed, conditions == 0 ? 1 : (double)met / conditions, evidence, []);
    }
}
