// Temporal binds [WorkflowRun] and [Activity] methods as instance members; workflows live here to keep the smoke tests in one file.
#pragma warning disable CA1822

using Agentic.Testing;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests;

/// <summary>The emulator's own quick checks with the real SDK worker; the conformance suite lives beside it.</summary>
public sealed class SmokeTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private TemporalEmulator? _emulator;

    private TemporalEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _emulator = await TemporalEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    [Fact]
    public async Task ExecuteWorkflow_ActivityAndTimer_Completes()
    {
        var taskQueue = $"smoke-{Guid.NewGuid()}";
        var activities = new SmokeActivities();
        using var worker = new TemporalWorker(
            Emulator.Client,
            new TemporalWorkerOptions(taskQueue).AddWorkflow<SmokeGreetingWorkflow>().AddAllActivities(activities));

        var result = await worker.ExecuteAsync(() => Emulator.Client.ExecuteWorkflowAsync(
            (SmokeGreetingWorkflow wf) => wf.RunAsync("emulator"),
            new WorkflowOptions($"greet-{Guid.NewGuid()}", taskQueue) { ExecutionTimeout = Deadline }));

        Assert.Equal("Hello, emulator!", result);
    }

    [Fact]
    public async Task ExecuteWorkflow_EagerStart_Completes()
    {
        var taskQueue = $"smoke-{Guid.NewGuid()}";
        using var worker = new TemporalWorker(
            Emulator.Client,
            new TemporalWorkerOptions(taskQueue).AddWorkflow<SmokeGreetingWorkflow>().AddAllActivities(new SmokeActivities()));

        var result = await worker.ExecuteAsync(() => Emulator.Client.ExecuteWorkflowAsync(
            (SmokeGreetingWorkflow wf) => wf.RunAsync("eager"),
            new WorkflowOptions($"eager-{Guid.NewGuid()}", taskQueue) { RequestEagerStart = true, ExecutionTimeout = Deadline }));

        Assert.Equal("Hello, eager!", result);
    }

    [Fact]
    public async Task ExecuteWorkflow_ActivityFailsTwice_RetriesAndSucceeds()
    {
        var taskQueue = $"smoke-{Guid.NewGuid()}";
        var activities = new SmokeActivities();
        using var worker = new TemporalWorker(
            Emulator.Client,
            new TemporalWorkerOptions(taskQueue).AddWorkflow<SmokeRetryWorkflow>().AddAllActivities(activities));

        var attempts = await worker.ExecuteAsync(() => Emulator.Client.ExecuteWorkflowAsync(
            (SmokeRetryWorkflow wf) => wf.RunAsync(),
            new WorkflowOptions($"retry-{Guid.NewGuid()}", taskQueue) { ExecutionTimeout = Deadline }));

        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task ExecuteWorkflow_NonRetryableFailure_FailsWorkflow()
    {
        var taskQueue = $"smoke-{Guid.NewGuid()}";
        var activities = new SmokeActivities();
        using var worker = new TemporalWorker(
            Emulator.Client,
            new TemporalWorkerOptions(taskQueue).AddWorkflow<SmokeFailingWorkflow>().AddAllActivities(activities));

        var error = await worker.ExecuteAsync(() => Assert.ThrowsAsync<WorkflowFailedException>(() => Emulator.Client.ExecuteWorkflowAsync(
            (SmokeFailingWorkflow wf) => wf.RunAsync(),
            new WorkflowOptions($"fail-{Guid.NewGuid()}", taskQueue) { ExecutionTimeout = Deadline })));

        var activityFailure = Assert.IsType<ActivityFailureException>(error.InnerException);
        var application = Assert.IsType<ApplicationFailureException>(activityFailure.InnerException);
        Assert.Equal("Broken", application.ErrorType);
    }

    [Fact]
    public async Task QueryAndSignal_RunningWorkflow_SeesSignal()
    {
        var taskQueue = $"smoke-{Guid.NewGuid()}";
        using var worker = new TemporalWorker(
            Emulator.Client,
            new TemporalWorkerOptions(taskQueue).AddWorkflow<SmokeSignalWorkflow>());

        await worker.ExecuteAsync(async () =>
        {
            var handle = await Emulator.Client.StartWorkflowAsync(
                (SmokeSignalWorkflow wf) => wf.RunAsync(),
                new WorkflowOptions($"signal-{Guid.NewGuid()}", taskQueue) { ExecutionTimeout = Deadline });
            await handle.SignalAsync(wf => wf.AddAsync("one"));
            await Poll.UntilAsync(
                async () => await handle.QueryAsync(wf => wf.Count) == 1,
                Deadline,
                "query sees the signal");
            await handle.SignalAsync(wf => wf.AddAsync("two"));
            Assert.Equal("one,two", await handle.GetResultAsync());
        });
    }
}

[Workflow]
public sealed class SmokeGreetingWorkflow
{
    [WorkflowRun]
    public async Task<string> RunAsync(string name)
    {
        await Workflow.DelayAsync(TimeSpan.FromMilliseconds(200));
        return await Workflow.ExecuteActivityAsync(
            (SmokeActivities a) => a.Greet(name),
            new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
    }
}

[Workflow]
public sealed class SmokeRetryWorkflow
{
    [WorkflowRun]
    public Task<int> RunAsync() => Workflow.ExecuteActivityAsync(
        (SmokeActivities a) => a.FailTwice(),
        new ActivityOptions
        {
            StartToCloseTimeout = TimeSpan.FromSeconds(30),
            RetryPolicy = new RetryPolicy { InitialInterval = TimeSpan.FromMilliseconds(50), BackoffCoefficient = 1 },
        });
}

[Workflow]
public sealed class SmokeFailingWorkflow
{
    [WorkflowRun]
    public Task RunAsync() => Workflow.ExecuteActivityAsync(
        (SmokeActivities a) => a.Break(),
        new ActivityOptions { StartToCloseTimeout = TimeSpan.FromSeconds(30) });
}

[Workflow]
public sealed class SmokeSignalWorkflow
{
    private readonly List<string> _items = [];

    [WorkflowQuery]
    public int Count => _items.Count;

    [WorkflowRun]
    public async Task<string> RunAsync()
    {
        await Workflow.WaitConditionAsync(() => _items.Count == 2);
        return string.Join(',', _items);
    }

    [WorkflowSignal]
    public Task AddAsync(string item)
    {
        _items.Add(item);
        return Task.CompletedTask;
    }
}

public sealed class SmokeActivities
{
    private int _attempts;

    [Activity]
    public string Greet(string name) => $"Hello, {name}!";

    [Activity]
    public int FailTwice()
    {
        var attempt = Interlocked.Increment(ref _attempts);
        return attempt < 3 ? throw new InvalidOperationException($"attempt {attempt} fails") : ActivityExecutionContext.Current.Info.Attempt;
    }

    [Activity]
    public void Break() => throw new ApplicationFailureException("broken on purpose", errorType: "Broken", nonRetryable: true);
}
