using System.Text.RegularExpressions;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>IBANs: country code, two check digits, the account part; valid only when the ISO 13616 mod-97 is 1.</summary>
public sealed partial class IbanDetector : IPiiDetector
{
    public PiiType Type => PiiType.Iban;

    public IEnumerable<PiiFinding> Find(string text)
    {
        foreach (Match match in Candidate().Matches(text))
        {
            // The candidate may have run on into the next word: try the longest prefix that is a valid IBAN.
            var value = match.Value.TrimEnd();
            while (value.Length >= 15)
            {
                var compact = value.Replace(" ", "", StringComparison.Ordinal);
                if (compact.Length is >= 15 and <= 34 && Mod97(compact) == 1)
                {
                    yield return new PiiFinding(Type, match.Index, value.Length, value[..4] + " " + Redaction.KeepLast(value[4..], 4).TrimStart());
                    break;
                }

                var space = value.LastIndexOf(' ');
                if (space < 0)
                {
                    break;
                }

                value = value[..space];
            }
        }
    }

    /// <summary>The account moved behind the country and check digits, letters as 10-35, the number modulo 97.</summary>
    public static int Mod97(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var rearranged = iban[4..] + iban[..4];
        var remainder = 0;
        foreach (var c in rearranged)
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return -1;
            }
        }

        return remainder;
    }

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Candidate();
}
