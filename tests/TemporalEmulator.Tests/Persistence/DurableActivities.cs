using System.Collections.Concurrent;
using Temporalio.Activities;

namespace Agentic.Emulator.Tests.Persistence;

/// <summary>Counts every attempt; the slow step's first attempt never finishes, so only a timeout can move it on.</summary>
public class DurableActivities
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int Attempts(string activity) => _attempts.GetValueOrDefault(activity);

    [Activity]
    public Task<DurableStepResult> StepAsync(DurableStep step)
    {
        _attempts.AddOrUpdate(nameof(StepAsync), 1, (_, n) => n + 1);
        return Task.FromResult(new DurableStepResult($"step {step.Name}", ActivityExecutionContext.Current.Info.Attempt));
    }

    [Activity]
    public async Task<DurableStepResult> SlowStepAsync(DurableStep step)
    {
        _attempts.AddOrUpdate(nameof(SlowStepAsync), 1, (_, n) => n + 1);
        var attempt = ActivityExecutionContext.Current.Info.Attempt;
        if (attempt == 1)
        {
            await Task.Delay(Timeout.Infinite, ActivityExecutionContext.Current.CancellationToken);
        }

        return new DurableStepResult($"slow {step.Name}", attempt);
    }
}
