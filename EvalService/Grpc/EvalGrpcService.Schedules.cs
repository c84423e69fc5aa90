using Agentic.Eval.V1;
using Grpc.Core;
using TemporalRpcException = Temporalio.Exceptions.RpcException;

namespace Agentic.EvalService.Grpc;

/// <summary>Schedules of offline runs (Temporal Schedules): the suite and dataset are checked once, at creation.</summary>
internal sealed partial class EvalGrpcService
{
    public override async Task<EvalSchedule> CreateSchedule(CreateScheduleRequest request, ServerCallContext context)
    {
        ValidateScheduleId(request.ScheduleId);
        var fields = request.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5 && !(fields.Length == 1 && request.Cron.StartsWith('@')))
        {
            throw GrpcErrors.Invalid("cron", $"'{request.Cron}' is not a five-field cron expression (e.g. \"0 6,18 * * *\")");
        }

        var input = await RunInputAsync("", request.Suite, request.SuiteVersion, request.Dataset, "suite", "dataset", request.ScheduleId, context.CancellationToken);
        return await Temporal(() => scheduleClient.CreateAsync(request.ScheduleId, request.Cron, input, context.CancellationToken), "cron");
    }

    public override async Task<ListSchedulesResponse> ListSchedules(ListSchedulesRequest request, ServerCallContext context)
    {
        var response = new ListSchedulesResponse();
        response.Schedules.AddRange(await scheduleClient.ListAsync(context.CancellationToken));
        return response;
    }

    public override Task<EvalSchedule> PauseSchedule(PauseScheduleRequest request, ServerCallContext context)
    {
        ValidateScheduleId(request.ScheduleId);
        return Temporal(() => scheduleClient.PauseAsync(request.ScheduleId, request.Paused, context.CancellationToken), "schedule_id");
    }

    public override async Task<DeleteScheduleResponse> DeleteSchedule(DeleteScheduleRequest request, ServerCallContext context)
    {
        ValidateScheduleId(request.ScheduleId);
        await Temporal(async () =>
        {
            await scheduleClient.DeleteAsync(request.ScheduleId, context.CancellationToken);
            return true;
        }, "schedule_id");
        return new DeleteScheduleResponse();
    }

    private static void ValidateScheduleId(string scheduleId)
    {
        if (string.IsNullOrWhiteSpace(scheduleId) || scheduleId.Length > 100 || scheduleId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw GrpcErrors.Invalid("schedule_id", "is required: at most 100 characters, no spaces");
        }
    }

    /// <summary>Temporal's answers as this service's: an unknown schedule is NOT_FOUND, a taken id ALREADY_EXISTS, a refused spec names <paramref name="field"/>.</summary>
    private static async Task<T> Temporal<T>(Func<Task<T>> call, string field)
    {
        try
        {
            return await call();
        }
        catch (Temporalio.Exceptions.ScheduleAlreadyRunningException)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, "schedule_id: a schedule with this id exists"));
        }
        catch (TemporalRpcException exception) when (exception.Code == TemporalRpcException.StatusCode.NotFound)
        {
            throw GrpcErrors.NotFound("no such schedule");
        }
        catch (TemporalRpcException exception) when (exception.Code == TemporalRpcException.StatusCode.InvalidArgument)
        {
            throw GrpcErrors.Invalid(field, exception.Message);
        }
    }
}
