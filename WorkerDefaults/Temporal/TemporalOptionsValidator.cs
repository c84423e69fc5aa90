using System.Globalization;
using Microsoft.Extensions.Options;

namespace Agentic.WorkerDefaults.Temporal;

/// <summary>Fails start-up with a message that names the variable to fix.</summary>
public sealed class TemporalOptionsValidator : IValidateOptions<TemporalOptions>
{
    public ValidateOptionsResult Validate(string? name, TemporalOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Address))
        {
            failures.Add($"{TemporalOptions.AddressKey} is required (host:port of the Temporal frontend).");
        }
        else if (!IsHostAndPort(options.Address))
        {
            failures.Add(
                $"{TemporalOptions.AddressKey} must be host:port without a scheme, for example localhost:7233; got '{options.Address}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Namespace))
        {
            failures.Add($"{TemporalOptions.NamespaceKey} must not be empty.");
        }

        if (options.StartupDeadline < TimeSpan.Zero)
        {
            failures.Add($"{TemporalOptions.StartupDeadlineKey} must not be negative; got {options.StartupDeadline}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsHostAndPort(string address)
    {
        if (address.Contains("://", StringComparison.Ordinal) || address.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var colon = address.LastIndexOf(':');
        if (colon <= 0 || colon == address.Length - 1)
        {
            return false;
        }

        var host = address[..colon];
        // An IPv6 literal must be bracketed, or its own colons would be read as the port separator.
        if (host.Contains(':', StringComparison.Ordinal) && !(host.StartsWith('[') && host.EndsWith(']')))
        {
            return false;
        }

        return int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= 65535;
    }
}
