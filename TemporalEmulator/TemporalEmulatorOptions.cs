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

    /// <summary>Where the emulator logs; null keeps it quiet.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
