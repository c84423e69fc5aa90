using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Agentic.EvalService.Suites;

namespace Agentic.EvalService.Checks.Pii;

/// <summary>IPv4 (each part 0-255) and IPv6 addresses, confirmed by the platform's parser.</summary>
public sealed partial class IpAddressDetector : IPiiDetector
{
    public PiiType Type => PiiType.IpAddress;

    public IEnumerable<PiiFinding> Find(string text)
    {
        foreach (Match match in V4().Matches(text))
        {
            var parts = match.Value.Split('.');
            if (parts.All(part => part.Length <= 3 && int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) <= 255)
                && !(parts[0].Length > 1 && parts[0][0] == '0'))
            {
                yield return new PiiFinding(Type, match.Index, match.Length, $"{parts[0]}.{parts[1]}.*.*");
            }
        }

        foreach (Match match in V6().Matches(text))
        {
            var value = match.Value;
            if (value.Count(c => c == ':') >= 2 && value.Split(':').Count(group => group.Length > 0) >= 3
                && IPAddress.TryParse(value, out var address)
                && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                var head = value.Split(':')[0];
                yield return new PiiFinding(Type, match.Index, match.Length, (head.Length == 0 ? "" : head) + ":****");
            }
        }
    }

    [GeneratedRegex(@"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)", RegexOptions.CultureInvariant, 250)]
    private static partial Regex V4();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![0-9A-Fa-f:])", RegexOptions.CultureInvariant, 250)]
    private static partial Regex V6();
}
