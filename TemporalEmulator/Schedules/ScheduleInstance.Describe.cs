using System.Buffers.Binary;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Schedule.V1;
using Temporalio.Api.Workflow.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Schedules;

internal sealed partial class ScheduleInstance
{
    private const int FutureActionCount = 10;
    private const int ListActionCount = 5;
    private const int MaxMatchingTimes = 1000;

    public DescribeScheduleResponse Describe()
    {
        lock (_sync)
        {
            var schedule = _schedule.Clone();
            schedule.Spec = ScheduleSpecCompiler.Described(schedule.Spec);
            var info = _info.Clone();
            info.FutureActionTimes.AddRange(FutureActionTimes(FutureActionCount));
            info.BufferSize = _buffer.Count;
            var token = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(token, _conflictToken);
            return new DescribeScheduleResponse
            {
                Schedule = schedule,
                Info = info,
                Memo = _memo?.Clone() ?? new Memo(),
                SearchAttributes = _searchAttributes?.Clone() ?? new SearchAttributes(),
                ConflictToken = ByteString.CopyFrom(token),
            };
        }
    }

    public ScheduleListEntry ListEntry()
    {
        lock (_sync)
        {
            var spec = _schedule.Spec.Clone();
            spec.TimezoneData = ByteString.Empty;
            var info = new ScheduleListInfo
            {
                Spec = spec,
                WorkflowType = _schedule.Action?.StartWorkflow?.WorkflowType?.Clone(),
                Notes = _schedule.State.Notes,
                Paused = _schedule.State.Paused,
            };
            info.RecentActions.AddRange(_info.RecentActions.Skip(Math.Max(0, _info.RecentActions.Count - ListActionCount)).Select(a => a.Clone()));
            info.FutureActionTimes.AddRange(FutureActionTimes(ListActionCount));
            return new ScheduleListEntry
            {
                ScheduleId = ScheduleId,
                Memo = _memo?.Clone() ?? new Memo(),
                SearchAttributes = _searchAttributes?.Clone() ?? new SearchAttributes(),
                Info = info,
            };
        }
    }

    /// <summary>What list queries see: the schedule's search attributes plus its id and paused state.</summary>
    public WorkflowExecutionInfo VisibilityInfo()
    {
        lock (_sync)
        {
            var attributes = _searchAttributes?.Clone() ?? new SearchAttributes();
            attributes.IndexedFields["ScheduleId"] = JsonPayload("\"" + System.Text.Json.JsonEncodedText.Encode(ScheduleId) + "\"", "Keyword");
            attributes.IndexedFields["TemporalSchedulePaused"] = JsonPayload(_schedule.State.Paused ? "true" : "false", "Bool");
            return new WorkflowExecutionInfo
            {
                Execution = new WorkflowExecution { WorkflowId = ScheduleId, RunId = ScheduleId },
                Type = new WorkflowType { Name = "temporal-sys-scheduler-workflow" },
                StartTime = _info.CreateTime,
                Status = Temporalio.Api.Enums.V1.WorkflowExecutionStatus.Running,
                SearchAttributes = attributes,
            };
        }
    }

    public IReadOnlyList<Timestamp> MatchingTimes(DateTime from, DateTime to)
    {
        lock (_sync)
        {
            var times = new List<Timestamp>();
            for (var next = _spec.Next(from, JitterSeed); next is { } time && time.Actual <= to && times.Count < MaxMatchingTimes;
                next = _spec.Next(time.Actual, JitterSeed))
            {
                times.Add(Timestamp.FromDateTime(time.Actual));
            }

            return times;
        }
    }

    /// <summary>The next action times from where processing stands, within the remaining-actions limit.</summary>
    private List<Timestamp> FutureActionTimes(int count)
    {
        if (_schedule.State.LimitedActions)
        {
            count = (int)Math.Min(count, Math.Max(0, _schedule.State.RemainingActions));
        }

        var updated = _info.UpdateTime?.ToDateTime();
        var times = new List<Timestamp>();
        for (var next = _spec.Next(_lastProcessed, JitterSeed); next is { } time && times.Count < count; next = _spec.Next(time.Actual, JitterSeed))
        {
            if (updated is null || time.Actual >= updated)
            {
                times.Add(Timestamp.FromDateTime(time.Actual));
            }
        }

        return times;
    }
}
