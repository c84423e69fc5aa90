using System.Text.RegularExpressions;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>
/// Strings that look like credentials: the well-known key prefixes (OpenAI, Anthropic, AWS, GitHub, Slack,
/// Google, Stripe) and, beyond them, long tokens with the entropy of random keys (not words, not hex hashes of
/// files that the suite expects, which are below the threshold at 4 bits per character).
/// </summary>
public sealed partial class SecretDetector : IPiiDetector
{
    public const double EntropyThreshold = 4.0;

    public const int MinTokenLength = 32;

    public PiiType Type => PiiType.Secret;

    public IEnumerable<PiiFinding> Find(string text)
    {
        var found = new List<PiiFinding>();
        foreach (Match match in Prefixed().Matches(text))
        {
            found.Add(new PiiFinding(Type, match.Index, match.Length, Redaction.Secret(match.Value, match.Groups["prefix"].Length)));
        }

        foreach (Match match in Token().Matches(text))
        {
            if (found.Any(f => f.Start < match.Index + match.Length && match.Index < f.Start + f.Length))
            {
                continue;
            }

            var value = match.Value;
            if (value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetter) && ShannonEntropy(value) >= EntropyThreshold)
            {
                found.Add(new PiiFinding(Type, match.Index, match.Length, Redaction.Secret(value, 0)));
            }
        }

        return found;
    }

    /// <summary>Bits per character of the string's own character distribution.</summary>
    public static double ShannonEntropy(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }

        return counts.Values.Sum(count =>
        {
            var p = (double)count / value.Length;
            return -p * Math.Log2(p);
        });
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<prefix>sk-ant-|sk-proj-|sk-|AKIA|ASIA|ghp_|gho_|ghs_|github_pat_|xox[abprs]-|AIza|sk_live_|rk_live_)[A-Za-z0-9_-]{16,}", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Prefixed();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}(?![A-Za-z0-9+/_=-])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex Token();
}
