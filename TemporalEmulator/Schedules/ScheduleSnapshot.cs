using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>
/// Everything a schedule needs to carry on after a restart, as plain protobuf messages and values: the persistence
/// seam. <see cref="ScheduleStore.Restore"/> takes these back; <see cref="IScheduleJournal"/> receives them on change.
/// </summary>
/// <remarks>
/// <c>LastProcessedTime</c>: action times up to here have been handled (started, buffered, skipped or missed).
/// <c>ConflictToken</c> grows with every change; an update naming an older one is refused.
/// </remarks>
internal sealed record ScheduleSnapshot(
    string Namespace,
    string ScheduleId,
    Schedule Schedule,
    ScheduleInfo Info,
    DateTime LastProcessedTime,
    IReadOnlyList<BufferedStart> Buffer,
    long ConflictToken,
    Memo? Memo,
    SearchAttributes? SearchAttributes,
    Payloads? LastCompletionResult,
    Failure? ContinuedFailure,
    string CreateRequestId);
