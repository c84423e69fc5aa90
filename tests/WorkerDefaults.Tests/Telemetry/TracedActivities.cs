using Temporalio.Activities;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

public static class TracedActivities
{
    [Activity]
    public static TracedResult Echo(TracedInput input) => new(input.Text);
}
