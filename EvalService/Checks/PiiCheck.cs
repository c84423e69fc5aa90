using Agentic.EvalService.Checks.Pii;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks;

/// <summary>Fails when the answer holds any PII the suite looks for. Evidence carries previews only.</summary>
public static class PiiCheck
{
    public static CheckOutcome Run(CheckSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var findings = new PiiScanner(spec.PiiTypes, spec.Regions).Scan(text);
        var evidence = findings.Select(f => $"{YamlFieldsName(f.Type)} at {f.Start} (length {f.Length}): {f.Preview}").ToArray();
        return new CheckOutcome(spec.Id, spec.Type, findings.Count == 0, findings.Count == 0 ? 1 : 0, evidence, findings);
    }

    private static string YamlFieldsName(PiiType type) => YamlFields.SnakeCase(type.ToString());
}
