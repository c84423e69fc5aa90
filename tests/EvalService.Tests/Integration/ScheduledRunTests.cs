using System.Globalization;
using Agentic.Emulator;
using Agentic.Eval.V1;
using Agentic.EvalService.Storage;
using Agentic.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.EvalService.Tests.Integration;

[Collection(EvalEnvironmentCollection.Name)]
public sealed class ScheduledRunTests(EvalEnvironment environment)
{
    private const string TwoCases = "{\"id\": \"a\", \"input\": \"Hi\", \"output\": \"Hello.\"}\n{\"id\": \"b\", \"input\": \"Bye\", \"output\": \"Mail me at jane.doe@example.com\"}\n";

    [Fact]
    public async Task CreateSchedule_TwiceDailyWithTimeSkipping_TwoRunsInOneVirtualDay()
    {
        // A time-skipping emulator of its own: the shared one keeps wall-clock time for live budgets.
        await using var emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { TimeSkipping = true });
        await using var host = await EvalServiceHost.StartAsync(emulator.Address, environment.Gateway, environment.DatabaseConnectionString,
            new Dictionary<string, string?> { ["Eval:TaskQueue"] = "eval-scheduled-" + Guid.NewGuid().ToString("N") });
        var client = new Eval.V1.EvalService.EvalServiceClient(host.Channel);
        await client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = OfflineRuns.ChecksSuite("scheduled-checks") });
        var scheduleId = "twice-daily-" + Guid.NewGuid().ToString("N")[..8];
        var store = host.Services.GetRequiredService<RunStore>();

        var created = await client.CreateScheduleAsync(new CreateScheduleRequest
        {
            ScheduleId = scheduleId,
            Cron = "0 6,18 * * *",
            Suite = "scheduled-checks",
            Dataset = new Dataset { Content = TwoCases, Format = DatasetFormat.Jsonl },
        });
        IReadOnlyList<StoredRun> runs = [];
        await Poll.UntilAsync(
            async () => (runs = await store.ListAsync(null, 100, CancellationToken.None, scheduleId)).Count(r => r.State == EvalRunState.Completed) >= 2,
            TimeSpan.FromMinutes(3), "two scheduled runs complete");
        var paused = await client.PauseScheduleAsync(new PauseScheduleRequest { ScheduleId = scheduleId, Paused = true });
        var listed = (await client.ListSchedulesAsync(new ListSchedulesRequest())).Schedules.Single(s => s.ScheduleId == scheduleId);

        var firstTwo = runs.Where(r => r.State == EvalRunState.Completed).Select(r => (Run: r, At: NominalTime(r.RunId, scheduleId))).OrderBy(x => x.At).Take(2).ToList();
        Assert.Equal(TimeSpan.FromHours(12), firstTwo[1].At - firstTwo[0].At);
        Assert.Equal([6, 18], firstTwo.Select(x => x.At.Hour).Order());
        Assert.All(firstTwo, x => Assert.Equal((2, 1, 1, "scheduled-checks"), (x.Run.CasesDone, x.Run.CasesPassed, x.Run.CasesFailed, x.Run.Suite)));
        Assert.Equal((scheduleId, "0 6,18 * * *", "scheduled-checks", false), (created.ScheduleId, created.Cron, created.Suite, created.Paused));
        Assert.True(paused.Paused);
        Assert.True(listed.Paused);
        Assert.True(listed.RunsStarted >= 2, $"{listed.RunsStarted} runs started");

        await client.DeleteScheduleAsync(new DeleteScheduleRequest { ScheduleId = scheduleId });
        Assert.DoesNotContain((await client.ListSchedulesAsync(new ListSchedulesRequest())).Schedules, s => s.ScheduleId == scheduleId);
        var gone = await Assert.ThrowsAsync<RpcException>(() => client.PauseScheduleAsync(new PauseScheduleRequest { ScheduleId = scheduleId, Paused = false }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("", "0 6,18 * * *", "scheduled-bad", "schedule_id")]
    [InlineData("bad-cron", "twice a day", "scheduled-bad", "cron")]
    [InlineData("bad-suite", "0 6,18 * * *", "no-such-suite", "suite")]
    public async Task CreateSchedule_BadInput_InvalidArgumentNamingField(string scheduleId, string cron, string suite, string field)
    {
        var client = environment.Service.Client;
        await client.RegisterSuiteAsync(new RegisterSuiteRequest { Yaml = OfflineRuns.ChecksSuite("scheduled-bad") });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreateScheduleAsync(new CreateScheduleRequest
        {
            ScheduleId = scheduleId,
            Cron = cron,
            Suite = suite,
            Dataset = new Dataset { Content = TwoCases },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>Temporal names each scheduled run by its action time: "sched-&lt;schedule id&gt;-2026-11-30T06:00:00Z".</summary>
    private static DateTime NominalTime(string runId, string scheduleId)
    {
        var prefix = $"sched-{scheduleId}-";
        Assert.StartsWith(prefix, runId, StringComparison.Ordinal);
        return DateTime.ParseExact(runId[prefix.Length..], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
