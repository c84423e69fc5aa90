using System.Globalization;
using System.Text.RegularExpressions;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>
/// US Social Security numbers written AAA-GG-SSSS (dashes or spaces). Numbers the SSA never issues are not
/// findings: area 000, 666 or 900-999, group 00, serial 0000.
/// </summary>
public sealed partial class SsnDetector : IPiiDetector
{
    public PiiType Type => PiiType.Ssn;

    public IEnumerable<PiiFinding> Find(string text) => Pattern().Matches(text)
        .Where(m => IsValid(m.Groups["area"].Value, m.Groups["group"].Value, m.Groups["serial"].Value))
        .Select(m => new PiiFinding(Type, m.Index, m.Length, "***-**-" + m.Groups["serial"].Value));

    public static bool IsValid(string area, string group, string serial)
    {
        var a = int.Parse(area, CultureInfo.InvariantCulture);
        return a is not (0 or 666 or >= 900) && group != "00" && serial != "0000";
    }

    [GeneratedRegex(@"(?<![\d-])(?<area>\d{3})([- ])(?<group>\d{2})\1(?<serial>\d{4})(?![\d-])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Pattern();
}
