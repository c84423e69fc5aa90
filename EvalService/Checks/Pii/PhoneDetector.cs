using Agentic.EvalService.Suites;
using PhoneNumbers;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>
/// Phone numbers as libphonenumber reads them for each region: a number counts only when it is a valid number
/// of its region (so "2024-01-15" or an order id is not a phone number), and "+" numbers in any region.
/// </summary>
public sealed class PhoneDetector(IReadOnlyList<string> regions) : IPiiDetector
{
    /// <summary>Regions tried when a suite names none.</summary>
    public static readonly IReadOnlyList<string> DefaultRegions = ["US", "GB", "DE", "FR", "IN"];

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public PiiType Type => PiiType.Phone;

    public IEnumerable<PiiFinding> Find(string text)
    {
        var seen = new HashSet<int>();
        foreach (var region in regions.Count == 0 ? DefaultRegions : regions)
        {
            foreach (var match in Util.FindNumbers(text, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
            {
                if (seen.Add(match.Start))
                {
                    yield return new PiiFinding(Type, match.Start, match.Length, Preview(match.RawString, match.Number));
                }
            }
        }
    }

    private static string Preview(string raw, PhoneNumber number) =>
        $"+{number.CountryCode} {Redaction.KeepLast(raw.TrimStart('+'), 2)}";
}
