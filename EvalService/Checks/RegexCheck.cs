using System.Text.RegularExpressions;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks;

/// <summary>The answer must (or must not) match a pattern. A pattern that runs away is a failed check, not a hang.</summary>
public static class RegexCheck
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public static CheckOutcome Run(CheckSpec spec, string text)
    {
        ArgumentNullException.ThrowIfNull(spec);
        try
        {
            var match = new Regex(spec.Pattern!, RegexOptions.CultureInvariant, MatchTimeout).Match(text);
            var passed = match.Success == spec.MustMatch;
            var evidence = match.Success
                ? $"matched at {match.Index} (length {match.Length})"
                : "no match";
            return CheckOutcome.Of(spec, passed, passed ? 1 : 0, evidence);
        }
        catch (RegexMatchTimeoutException)
        {
            return CheckOutcome.Of(spec, false, 0, "pattern timed out");
        }
    }
}
