using Agentic.Eval.V1;
using Agentic.EvalService.Options;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.Options;
using Temporalio.Client;
using Temporalio.Client.Schedules;

namespace Agentic.EvalService.Grpc;

/// <summary>
/// Schedules of offline runs, kept by Temporal (id "eval-schedule/&lt;schedule id&gt;"). Each action starts an
/// <see cref="EvalRunWorkflow"/> whose id Temporal suffixes with the action's time, so each run has its own id.
/// The suite and cron are kept in the schedule's memo, so a listing shows them as the caller wrote them.
/// </summary>
internal sealed class ScheduleClient(ITemporalClient temporal, IOptions<EvalOptions> options)
{
    public const string IdPrefix = "eval-schedule/";

    public static string RunIdPrefix(string scheduleId) => "sched-" + scheduleId;

    public async Task<EvalSchedule> CreateAsync(string scheduleId, string cron, EvalRunInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var action = ScheduleActionStartWorkflow.Create(
            (EvalRunWorkflow w) => w.RunAsync(input),
            new WorkflowOptions(EvalRunWorkflow.WorkflowIdPrefix + RunIdPrefix(scheduleId), options.Value.TaskQueue));
        var handle = await temporal.CreateScheduleAsync(
            IdPrefix + scheduleId,
            new Schedule(action, new ScheduleSpec { CronExpressions = [cron] }),
            new ScheduleOptions
            {
                Memo = new Dictionary<string, object> { ["suite"] = input.Suite, ["cron"] = cron },
                Rpc = new RpcOptions { CancellationToken = cancellationToken },
            });
        return await DescribeAsync(handle, cancellationToken);
    }

    public async Task<IReadOnlyList<EvalSchedule>> ListAsync(CancellationToken cancellationToken)
    {
        var schedules = new List<EvalSchedule>();
        await foreach (var listed in temporal.ListSchedulesAsync(new ScheduleListOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } }))
        {
            if (listed.Id.StartsWith(IdPrefix, StringComparison.Ordinal))
            {
                schedules.Add(await DescribeAsync(temporal.GetScheduleHandle(listed.Id), cancellationToken));
            }
        }

        return schedules.OrderBy(s => s.ScheduleId, StringComparer.Ordinal).ToList();
    }

    public async Task<EvalSchedule> PauseAsync(string scheduleId, bool paused, CancellationToken cancellationToken)
    {
        var handle = temporal.GetScheduleHandle(IdPrefix + scheduleId);
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        if (paused)
        {
            await handle.PauseAsync("paused through eval-service", rpc);
        }
        else
        {
            await handle.UnpauseAsync("resumed through eval-service", rpc);
        }

        return await DescribeAsync(handle, cancellationToken);
    }

    public Task DeleteAsync(string scheduleId, CancellationToken cancellationToken) =>
        temporal.GetScheduleHandle(IdPrefix + scheduleId).DeleteAsync(new RpcOptions { CancellationToken = cancellationToken });

    private static async Task<EvalSchedule> DescribeAsync(ScheduleHandle handle, CancellationToken cancellationToken)
    {
        var description = await handle.DescribeAsync(new RpcOptions { CancellationToken = cancellationToken });
        return new EvalSchedule
        {
            ScheduleId = handle.Id[IdPrefix.Length..],
            Cron = description.Memo.TryGetValue("cron", out var cron) ? await cron.ToValueAsync<string>() : "",
            Suite = description.Memo.TryGetValue("suite", out var suite) ? await suite.ToValueAsync<string>() : "",
            Paused = description.Schedule.State.Paused,
            RunsStarted = (int)description.Info.NumActions,
        };
    }
}
