using System.Globalization;

namespace Agentic.Emulator;

/// <summary>
/// The executable's flags, named like the Temporal dev server's (<c>temporal server start-dev</c>) where they overlap.
/// </summary>
internal static class EmulatorCommandLine
{
    public const string Usage =
        "TemporalEmulator --port 7233 [--namespace default] [--time-skipping] [--db-filename FILE] [--dynamic-config-value KEY=VALUE]";

    public static TemporalEmulatorOptions Parse(string[] args)
    {
        var options = new TemporalEmulatorOptions { Port = 7233 };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length:
                    options.Port = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--namespace" when i + 1 < args.Length:
                    options.Namespace = args[++i];
                    break;
                case "--db-filename" when i + 1 < args.Length:
                    options.DatabaseFile = args[++i];
                    break;
                case "--time-skipping":
                    options.TimeSkipping = true;
                    break;
                case "--dynamic-config-value" when i + 1 < args.Length:
                    ApplyDynamicConfig(options, args[++i]);
                    break;
                default:
                    // ASP.NET and Aspire settings (--urls, --environment ...) do not apply: the emulator binds its own port.
                    break;
            }
        }

        return options;
    }

    private static void ApplyDynamicConfig(TemporalEmulatorOptions options, string setting)
    {
        var separator = setting.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new ArgumentException($"--dynamic-config-value '{setting}' is not KEY=VALUE");
        }

        var (key, value) = (setting[..separator], setting[(separator + 1)..].Trim());
        switch (key)
        {
            case "limit.historyCount.suggestContinueAsNew":
                options.SuggestContinueAsNewHistoryCount = int.Parse(value, CultureInfo.InvariantCulture);
                break;
            case "limit.historySize.suggestContinueAsNew":
                options.SuggestContinueAsNewHistorySizeBytes = long.Parse(value, CultureInfo.InvariantCulture);
                break;
            default:
                // The dev server knows hundreds of settings; the emulator honours the ones above and ignores the rest.
                break;
        }
    }
}
