namespace Agentic.Emulator;

/// <summary>How an in-process <see cref="TemporalEmulator"/> listens and keeps time.</summary>
public sealed class TemporalEmulatorOptions
{
    /// <summary>Loopback port to bind; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Namespace registered at start; <see cref="TemporalEmulator.Client"/> connects to it.</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>When on, virtual time jumps to the next timer whenever no task is outstanding.</summary>
    public bool TimeSkipping { get; set; }

    /// <summary>
    /// History length at which workflow tasks suggest continue-as-new; the dev server's dynamic config
    /// <c>limit.historyCount.suggestContinueAsNew</c> (default 4,096 events).
    /// </summary>
    public int SuggestContinueAsNewHistoryCount { get; set; } = 4 * 1024;

    /// <summary>
    /// History size at which workflow tasks suggest continue-as-new; the dev server's dynamic config
    /// <c>limit.historySize.suggestContinueAsNew</c> (default 4 MiB).
    /// </summary>
    public long SuggestContinueAsNewHistorySizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// A SQLite file that keeps workflows across restarts (the dev server's <c>--db-filename</c>); created if missing.
    /// Null or empty keeps everything in memory.
    /// </summary>
    public string? DatabaseFile { get; set; }

    /// <summary>Where the emulator logs; null keeps it quiet.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
