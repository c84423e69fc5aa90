using System.Diagnostics;
using Agentic.Emulator.Tests.Common;
using Agentic.Testing;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.TestService.V1;
using Temporalio.Client;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.TimeSkipping;

public class TimeSkippingTests(TimeSkippingEmulatorFixture fixture) : IClassFixture<TimeSkippingEmulatorFixture>
{
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(20);
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();

    private TemporalWorker NewWorker() => new(
        _client,
        new TemporalWorkerOptions(_taskQueue).AddAllActivities(new SkipActivities()).AddWorkflow<SkipWorkflow>().AddWorkflow<CronWorkflow>());

    private async Task<(WorkflowHandle<SkipWorkflow, SkipOutput> Handle, SkipOutput Result, TimeSpan Wall)> RunAsync(SkipInput input)
    {
        using var worker = NewWorker();
        var watch = Stopwatch.StartNew();
        return await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync((SkipWorkflow wf) => wf.RunAsync(input), new WorkflowOptions(Unique.WorkflowId("skip"), _taskQueue));
            var result = await handle.GetResultAsync().WithDeadline();
            return (handle, result, watch.Elapsed);
        });
    }

    [Fact]
    public async Task Timer_ThirtyDays_CompletesInSecondsOfWallTime()
    {
        var thirtyDays = TimeSpan.FromDays(30);

        var (handle, result, wall) = await RunAsync(new SkipInput("timer", thirtyDays));

        Assert.True(wall < WallLimit, $"took {wall} of wall time");
        Assert.True(result.After - result.Before >= thirtyDays, $"workflow clock advanced only {result.After - result.Before}");
        var events = await handle.EventsAsync();
        var started = events.OfType(EventType.TimerStarted).Single();
        var fired = events.OfType(EventType.TimerFired).Single();
        Assert.True(fired.EventTime.ToDateTime() - started.EventTime.ToDateTime() >= thirtyDays);
    }

    [Fact]
    public async Task TestService_GetCurrentTime_FollowsVirtualClock()
    {
        var before = await _client.Connection.TestService.GetCurrentTimeAsync(new Empty());

        var (_, result, _) = await RunAsync(new SkipInput("timer", TimeSpan.FromDays(2)));

        var after = await _client.Connection.TestService.GetCurrentTimeAsync(new Empty());
        Assert.True(result.Before >= before.Time.ToDateTime().AddSeconds(-1), $"workflow started at {result.Before:o}, test service said {before.Time.ToDateTime():o}");
        Assert.True(after.Time.ToDateTime() >= result.Before + TimeSpan.FromDays(2), $"test service time {after.Time.ToDateTime():o}");
    }

    [Fact]
    public async Task ActivityRetry_OneHourBackoff_SkippedInVirtualTime()
    {
        var (_, result, wall) = await RunAsync(new SkipInput("retry", TimeSpan.FromHours(1)));

        Assert.Equal("attempt 2", result.Winner);
        Assert.True(wall < WallLimit, $"took {wall} of wall time");
        Assert.True(result.After - result.Before >= TimeSpan.FromHours(1), $"workflow clock advanced only {result.After - result.Before}");
    }

    [Fact]
    public async Task Timer_WhileActivityRuns_DoesNotSkipAhead()
    {
        var (_, result, _) = await RunAsync(new SkipInput("race", TimeSpan.FromDays(1)));

        Assert.Equal("activity", result.Winner);
        Assert.True(result.After - result.Before < TimeSpan.FromHours(1), $"virtual time jumped {result.After - result.Before} while an activity ran");
    }

    [Fact]
    public async Task ExecutionTimeout_SevenDays_TimesOutInVirtualTime()
    {
        using var worker = NewWorker();
        var watch = Stopwatch.StartNew();

        var (error, events) = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (SkipWorkflow wf) => wf.RunAsync(new SkipInput("timer", TimeSpan.FromDays(30))),
                new WorkflowOptions(Unique.WorkflowId("skip"), _taskQueue) { ExecutionTimeout = TimeSpan.FromDays(7) });
            var e = await Assert.ThrowsAsync<Temporalio.Exceptions.WorkflowFailedException>(() => handle.GetResultAsync().WithDeadline());
            return (e, await handle.EventsAsync());
        });

        Assert.IsType<Temporalio.Exceptions.TimeoutFailureException>(error.InnerException);
        Assert.True(watch.Elapsed < WallLimit, $"took {watch.Elapsed} of wall time");
        var elapsed = events[^1].EventTime.ToDateTime() - events[0].EventTime.ToDateTime();
        Assert.Equal(EventType.WorkflowExecutionTimedOut, events[^1].EventType);
        Assert.True(elapsed >= TimeSpan.FromDays(7) && elapsed < TimeSpan.FromDays(30), $"timed out after {elapsed} of virtual time");
    }

    [Fact]
    public async Task StartDelay_OneDay_FirstTaskAfterVirtualDelay()
    {
        using var worker = NewWorker();
        var watch = Stopwatch.StartNew();

        var (result, events) = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync(
                (SkipWorkflow wf) => wf.RunAsync(new SkipInput("none", TimeSpan.Zero)),
                new WorkflowOptions(Unique.WorkflowId("skip"), _taskQueue) { StartDelay = TimeSpan.FromDays(1) });
            return (await handle.GetResultAsync().WithDeadline(), await handle.EventsAsync());
        });

        Assert.True(watch.Elapsed < WallLimit, $"took {watch.Elapsed} of wall time");
        Assert.True(result.Before - events[0].EventTime.ToDateTime() >= TimeSpan.FromDays(1), $"first task ran at {result.Before:o}");
    }

    [Fact]
    public async Task TestService_LockedSkipping_TimersWaitUntilUnlockedWithSleep()
    {
        var testService = _client.Connection.TestService;
        using var worker = NewWorker();

        await testService.LockTimeSkippingAsync(new LockTimeSkippingRequest());
        try
        {
            var (whileLocked, virtualElapsed, result) = await worker.ExecuteAsync(async () =>
            {
                var handle = await _client.StartWorkflowAsync(
                    (SkipWorkflow wf) => wf.RunAsync(new SkipInput("timer", TimeSpan.FromHours(1))), new WorkflowOptions(Unique.WorkflowId("locked"), _taskQueue));
                await handle.WaitForEventAsync(EventType.TimerStarted);
                var before = (await testService.GetCurrentTimeAsync(new Empty())).Time.ToDateTime();

                // Locked: an idle emulator with a pending timer must let only real time pass.
                await testService.SleepAsync(new SleepRequest { Duration = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(300)) }).WithDeadline();
                var status = (await handle.DescribeAsync()).Status;
                var elapsed = (await testService.GetCurrentTimeAsync(new Empty())).Time.ToDateTime() - before;

                await testService.UnlockTimeSkippingWithSleepAsync(new SleepRequest { Duration = Duration.FromTimeSpan(TimeSpan.FromHours(2)) }).WithDeadline();
                return (status, elapsed, await handle.GetResultAsync().WithDeadline());
            });

            Assert.Equal(WorkflowExecutionStatus.Running, whileLocked);
            Assert.True(virtualElapsed >= TimeSpan.FromMilliseconds(300) && virtualElapsed < TimeSpan.FromMinutes(1), $"virtual clock moved {virtualElapsed} while locked");
            Assert.True(result.After - result.Before >= TimeSpan.FromHours(1));
        }
        finally
        {
            await testService.UnlockTimeSkippingAsync(new UnlockTimeSkippingRequest());
        }
    }

    [Fact]
    public async Task Cron_Hourly_RunsOnTheHourInVirtualTime()
    {
        var id = Unique.WorkflowId("cron");
        using var worker = NewWorker();

        var runs = await worker.ExecuteAsync(async () =>
        {
            var handle = await _client.StartWorkflowAsync((CronWorkflow wf) => wf.RunAsync(), new WorkflowOptions(id, _taskQueue) { CronSchedule = "0 * * * *" });
            var completed = new List<WorkflowExecution>();
            await Poll.UntilAsync(
                async () =>
                {
                    completed = [];
                    await foreach (var run in _client.ListWorkflowsAsync($"WorkflowId = '{id}' AND ExecutionStatus = 'Completed'"))
                    {
                        completed.Add(run);
                    }

                    return completed.Count >= 3;
                },
                Deadlines.Result,
                "three completed cron runs");
            await handle.TerminateAsync("enough runs");
            return completed;
        });

        var ordered = runs.OrderBy(r => r.ExecutionTime).ToList();
        var outputs = new List<CronOutput>();
        foreach (var run in ordered.Take(3))
        {
            // A handle fetched by id reads results from the latest run unless told which run to read.
            var handle = _client.GetWorkflowHandle<CronWorkflow, CronOutput>(id, run.RunId) with { ResultRunId = run.RunId };
            outputs.Add(await handle.GetResultAsync(followRuns: false).WithDeadline());
        }

        Assert.Equal([1, 2, 3], outputs.Select(o => o.Run));
        Assert.All(outputs, o => Assert.Equal(0, (o.RanAt.Minute * 60) + o.RanAt.Second));
        Assert.All(outputs.Zip(outputs.Skip(1)), pair => Assert.True(pair.Second.RanAt - pair.First.RanAt > TimeSpan.FromMinutes(59)));
    }
}
