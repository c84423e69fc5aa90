using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Client;

namespace Agentic.Emulator.Tests.Common;

/// <summary>Reads a run's history through the public client to assert on the events the server wrote.</summary>
public static class HistoryExtensions
{
    public static async Task<IReadOnlyList<HistoryEvent>> EventsAsync(this WorkflowHandle handle)
    {
        var history = await handle.FetchHistoryAsync().WithDeadline();
        var events = history.Events.ToList();
        HistoryAssert.WellFormed(events);
        return events;
    }

    public static IEnumerable<HistoryEvent> OfType(this IEnumerable<HistoryEvent> events, EventType type) =>
        events.Where(e => e.EventType == type);

    public static async Task WaitForEventAsync(this WorkflowHandle handle, EventType type, int count = 1)
    {
        await Agentic.Testing.Poll.UntilAsync(
            async () => (await handle.EventsAsync()).OfType(type).Count() >= count,
            Deadlines.Result,
            $"{count} x {type} in the history of {handle.Id}");
    }
}
