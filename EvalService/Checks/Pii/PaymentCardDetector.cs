using System.Text.RegularExpressions;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>
/// Card numbers: 13 to 19 digits (spaces or dashes allowed between them) with a known issuer prefix and a valid
/// Luhn check digit. The prefix and Luhn rules keep order numbers and timestamps out.
/// </summary>
public sealed partial class PaymentCardDetector : IPiiDetector
{
    public PiiType Type => PiiType.CreditCard;

    public IEnumerable<PiiFinding> Find(string text)
    {
        foreach (Match match in Candidate().Matches(text))
        {
            var digits = string.Concat(match.Value.Where(char.IsAsciiDigit));
            if (digits.Length is >= 13 and <= 19 && HasIssuerPrefix(digits) && Luhn(digits))
            {
                yield return new PiiFinding(Type, match.Index, match.Length, Redaction.KeepLast(match.Value, 4));
            }
        }
    }

    public static bool Luhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static bool HasIssuerPrefix(string digits)
    {
        int Prefix(int length) => int.Parse(digits.AsSpan(0, length), System.Globalization.CultureInfo.InvariantCulture);
        return digits[0] == '4' // Visa
            || Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720 // Mastercard
            || Prefix(2) is 34 or 37 // American Express
            || Prefix(4) == 6011 || Prefix(2) == 65 || Prefix(3) is >= 644 and <= 649 // Discover
            || Prefix(4) is >= 3528 and <= 3589 // JCB
            || Prefix(2) is 36 or 38 || Prefix(3) is >= 300 and <= 305 // Diners Club
            || Prefix(2) == 62 // UnionPay
            || Prefix(2) is 50 or (>= 56 and <= 58) || digits[0] == '6'; // Maestro
    }

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Candidate();
}
