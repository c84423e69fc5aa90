namespace Agentic.WorkerDefaults;

/// <summary>Placeholder; the Foundation work fills this library.</summary>
public static class TemporalSettings
{
    public const string AddressVariable = "TEMPORAL_ADDRESS";
}
