using Temporalio.Api.Enums.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// An action waiting to start: its nominal and actual times, the overlap policy it asked for (unspecified means
/// the schedule's current one) and whether a person asked for it (trigger, backfill), which bypasses pause and limits.
/// </summary>
internal sealed record BufferedStart(DateTime Nominal, DateTime Actual, ScheduleOverlapPolicy OverlapPolicy, bool Manual);
