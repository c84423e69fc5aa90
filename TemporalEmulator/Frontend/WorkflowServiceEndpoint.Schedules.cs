using System.Buffers.Binary;
using System.Globalization;
using Agentic.Emulator.Schedules;
using Agentic.Emulator.Visibility;
using Google.Protobuf;
using Grpc.Core;
using Temporalio.Api.Schedule.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Agentic.Emulator.Frontend;

internal sealed partial class WorkflowServiceEndpoint
{
    public Task<CreateScheduleResponse> CreateSchedule(CreateScheduleRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireScheduleId(request.ScheduleId);
        if (string.IsNullOrEmpty(request.RequestId))
        {
            throw RpcErrors.InvalidArgument("request_id is not set");
        }

        var schedule = request.Schedule ?? new Schedule();
        ValidateAction(schedule.Action);
        RegisterAttributes(request.SearchAttributes);
        var created = context.Schedules.Create(
            request.Namespace, request.ScheduleId, schedule, request.Memo, request.SearchAttributes, request.RequestId, out var isNew);
        if (isNew && request.InitialPatch is { } patch)
        {
            created.Patch(patch);
        }

        return Task.FromResult(new CreateScheduleResponse { ConflictToken = Token(created.ConflictToken) });
    }

    public Task<DescribeScheduleResponse> DescribeSchedule(DescribeScheduleRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireScheduleId(request.ScheduleId);
        return Task.FromResult(context.Schedules.Get(request.Namespace, request.ScheduleId).Describe());
    }

    public Task<UpdateScheduleResponse> UpdateSchedule(UpdateScheduleRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireScheduleId(request.ScheduleId);
        var schedule = request.Schedule ?? throw RpcErrors.InvalidArgument("schedule is not set");
        ValidateAction(schedule.Action);
        var instance = context.Schedules.Get(request.Namespace, request.ScheduleId);
        RegisterAttributes(request.SearchAttributes);
        var spec = ScheduleStore.Compile(schedule.Spec);
        long? expected = request.ConflictToken.Length == 8 ? BinaryPrimitives.ReadInt64BigEndian(request.ConflictToken.Span) : null;
        instance.Update(schedule, spec, request.SearchAttributes, request.Memo, expected);
        return Task.FromResult(new UpdateScheduleResponse());
    }

    public Task<PatchScheduleResponse> PatchSchedule(PatchScheduleRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireScheduleId(request.ScheduleId);
        var patch = request.Patch ?? throw RpcErrors.InvalidArgument("patch is not set");
        foreach (var backfill in patch.BackfillRequest)
        {
            if (backfill.StartTime is null || backfill.EndTime is null || backfill.EndTime.ToDateTime() < backfill.StartTime.ToDateTime())
            {
                throw RpcErrors.InvalidArgument("patch.backfill_request needs a start_time no later than its end_time");
            }
        }

        context.Schedules.Get(request.Namespace, request.ScheduleId).Patch(patch);
        return Task.FromResult(new PatchScheduleResponse());
    }

    public Task<DeleteScheduleResponse> DeleteSchedule(DeleteScheduleRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireScheduleId(request.ScheduleId);
        context.Schedules.Delete(request.Namespace, request.ScheduleId);
        return Task.FromResult(new DeleteScheduleResponse());
    }

    public Task<ListScheduleMatchingTimesResponse> ListScheduleMatchingTimes(ListScheduleMatchingTimesRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        RequireScheduleId(request.ScheduleId);
        if (request.StartTime is null || request.EndTime is null)
        {
            throw RpcErrors.InvalidArgument("start_time and end_time must be set");
        }

        var times = context.Schedules.Get(request.Namespace, request.ScheduleId)
            .MatchingTimes(request.StartTime.ToDateTime(), request.EndTime.ToDateTime());
        var response = new ListScheduleMatchingTimesResponse();
        response.StartTime.AddRange(times);
        return Task.FromResult(response);
    }

    public Task<ListSchedulesResponse> ListSchedules(ListSchedulesRequest request, ServerCallContext call)
    {
        RequireNamespace(request.Namespace);
        var query = VisibilityQueryParser.Parse(request.Query, name =>
            name is "ScheduleId" or "TemporalSchedulePaused" || context.CustomSearchAttributes.ContainsKey(name));
        var offset = request.NextPageToken.IsEmpty ? 0 : int.Parse(request.NextPageToken.ToStringUtf8(), CultureInfo.InvariantCulture);
        var pageSize = request.MaximumPageSize > 0 ? request.MaximumPageSize : DefaultPageSize;
        var schedules = context.Schedules.In(request.Namespace).ToList();
        var records = schedules.Select((schedule, index) => (Schedule: schedule, Record: new VisibilityRecord(schedule.VisibilityInfo())));
        var matching = query.OrderBy.Count == 0
            ? records.Where(pair => query.Matches(pair.Record)).Select(pair => pair.Schedule)
            : query.Apply(records.Select(pair => pair.Record)).Select(record => schedules.First(s => s.ScheduleId == record.Info.Execution.WorkflowId));
        var page = matching.Skip(offset).Take(pageSize + 1).ToList();
        var response = new ListSchedulesResponse();
        response.Schedules.AddRange(page.Take(pageSize).Select(schedule => schedule.ListEntry()));
        if (page.Count > pageSize)
        {
            response.NextPageToken = ByteString.CopyFromUtf8((offset + pageSize).ToString(CultureInfo.InvariantCulture));
        }

        return Task.FromResult(response);
    }

    /// <summary>Schedule attributes become queryable like run attributes (registered on first use).</summary>
    private void RegisterAttributes(Temporalio.Api.Common.V1.SearchAttributes? attributes)
    {
        if (attributes is not null)
        {
            context.RegisterSearchAttributes(attributes.IndexedFields);
        }
    }

    private static void RequireScheduleId(string scheduleId)
    {
        if (string.IsNullOrEmpty(scheduleId))
        {
            throw RpcErrors.InvalidArgument("schedule_id is not set");
        }
    }

    private static void ValidateAction(ScheduleAction? action)
    {
        if (action?.StartWorkflow is not { } start)
        {
            throw RpcErrors.InvalidArgument("schedule.action.start_workflow is not set");
        }

        if (string.IsNullOrEmpty(start.WorkflowId))
        {
            throw RpcErrors.InvalidArgument("schedule.action.start_workflow.workflow_id is not set");
        }

        if (string.IsNullOrEmpty(start.WorkflowType?.Name))
        {
            throw RpcErrors.InvalidArgument("schedule.action.start_workflow.workflow_type is not set");
        }

        if (string.IsNullOrEmpty(start.TaskQueue?.Name))
        {
            throw RpcErrors.InvalidArgument("schedule.action.start_workflow.task_queue is not set");
        }
    }

    private static ByteString Token(long token)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, token);
        return ByteString.CopyFrom(bytes);
    }
}
