using Temporalio.Activities;

namespace Agentic.TemporalEmulator.Bench;

public sealed class EchoActivities
{
    [Activity]
    public static EchoOutput Echo(EchoInput input) => new(input.Sequence);
}
