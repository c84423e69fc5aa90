namespace Agentic.AppHost.Infrastructure;

/// <summary>
/// Where the local loop's Temporal emulator keeps its state (<c>--db-filename</c>), so workflows waiting on people
/// survive a restart of the AppHost. Set <c>Temporal:EmulatorDatabase</c> to a file path, or to <c>memory</c> to keep
/// everything in memory; unset, the file lives in the user's data folder.
/// </summary>
public static class TemporalEmulatorDatabase
{
    public const string Setting = "Temporal:EmulatorDatabase";

    public const string InMemory = "memory";

    /// <summary>The database file for a setting's value, or null for in-memory.</summary>
    public static string? Resolve(string? value)
    {
        if (string.Equals(value?.Trim(), InMemory, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? DefaultPath() : Path.GetFullPath(value.Trim());
    }

    /// <summary>
    /// <c>$XDG_DATA_HOME/agentic/temporal.db</c>, else <c>~/.local/share/agentic/temporal.db</c> (the platform's local
    /// application data folder elsewhere).
    /// </summary>
    public static string DefaultPath()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        }

        return Path.Combine(dataHome, "agentic", "temporal.db");
    }
}
