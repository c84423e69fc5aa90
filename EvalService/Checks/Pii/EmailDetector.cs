using System.Text.RegularExpressions;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

public sealed partial class EmailDetector : IPiiDetector
{
    public PiiType Type => PiiType.Email;

    public IEnumerable<PiiFinding> Find(string text) =>
        Pattern().Matches(text).Select(m => new PiiFinding(Type, m.Index, m.Length, Redaction.Email(m.Value)));

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Pattern();
}
