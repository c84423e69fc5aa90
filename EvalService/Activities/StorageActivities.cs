using Agentic.EvalService.Storage;
using Agentic.EvalService.Telemetry;
using Agentic.EvalService.Workflows;
using Temporalio.Activities;

namespace Agentic.EvalService.Activities;

/// <summary>Writes results to the system of record. Without a database the write is skipped (logged at start).</summary>
public sealed class StorageActivities(EvalDatabase database, TurnStore turns, EvalMetrics metrics)
{
    [Activity]
    public async Task RecordTurnAsync(RecordTurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (database.Configured)
        {
            await turns.SaveAsync(input.Suite, input.State, ActivityExecutionContext.Current.CancellationToken);
        }

        if (!input.JudgesOnly)
        {
            metrics.LiveFinal(input.Suite, input.State.Decision);
        }
    }
}
