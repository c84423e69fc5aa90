using Temporalio.Activities;

namespace Agentic.Emulator.Tests.Commands;

public class CommandActivities
{
    private int _calls;

    public int Calls => _calls;

    [Activity]
    public Task<CommandOutput> ShoutAsync(CommandInput input)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new CommandOutput(input.Text.ToUpperInvariant()));
    }

    [Activity]
    public async Task<CommandOutput> SlowAsync(SlowInput input)
    {
        Interlocked.Increment(ref _calls);
        await Task.Delay(input.Duration, ActivityExecutionContext.Current.CancellationToken);
        return new CommandOutput($"slept {input.Duration.TotalMilliseconds:F0} ms");
    }
}
