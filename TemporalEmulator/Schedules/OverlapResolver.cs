using Temporalio.Api.Enums.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// Applies the overlap policies to buffered starts, as the server does: allow-all starts all go; of the rest at most
/// one starts, and only when nothing runs; skip drops, buffer-one keeps the first waiting start, buffer-all keeps
/// every one, cancel-other and terminate-other stop the running workflow and keep the start until it has closed.
/// </summary>
internal static class OverlapResolver
{
    public static OverlapDecision Resolve(IEnumerable<BufferedStart> buffer, bool running, ScheduleOverlapPolicy schedulePolicy)
    {
        var allowAll = new List<BufferedStart>();
        var remaining = new List<BufferedStart>();
        BufferedStart? start = null;
        bool cancel = false, terminate = false;
        long skipped = 0;
        foreach (var item in buffer)
        {
            var policy = Effective(item.OverlapPolicy, schedulePolicy);
            if (policy == ScheduleOverlapPolicy.AllowAll)
            {
                allowAll.Add(item);
                continue;
            }

            if (!running && start is null)
            {
                start = item;
                continue;
            }

            switch (policy)
            {
                case ScheduleOverlapPolicy.BufferOne when remaining.Count == 0:
                case ScheduleOverlapPolicy.BufferAll:
                    remaining.Add(item);
                    break;
                case ScheduleOverlapPolicy.CancelOther or ScheduleOverlapPolicy.TerminateOther when running:
                    cancel |= policy == ScheduleOverlapPolicy.CancelOther;
                    terminate |= policy == ScheduleOverlapPolicy.TerminateOther;
                    remaining.Add(item);
                    break;
                case ScheduleOverlapPolicy.CancelOther or ScheduleOverlapPolicy.TerminateOther:
                    start = item; // nothing has started yet: the newer start replaces the older
                    break;
                default:
                    skipped++;
                    break;
            }
        }

        // Anything started now would be cancelled or terminated straight after; don't start it.
        return new OverlapDecision(cancel || terminate ? [] : allowAll, start, remaining, cancel, terminate, skipped);
    }

    public static ScheduleOverlapPolicy Effective(ScheduleOverlapPolicy requested, ScheduleOverlapPolicy schedulePolicy) =>
        requested != ScheduleOverlapPolicy.Unspecified ? requested
        : schedulePolicy != ScheduleOverlapPolicy.Unspecified ? schedulePolicy
        : ScheduleOverlapPolicy.Skip;
}
