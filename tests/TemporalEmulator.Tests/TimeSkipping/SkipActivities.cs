using Temporalio.Activities;
using Temporalio.Exceptions;

namespace Agentic.Emulator.Tests.TimeSkipping;

public class SkipActivities
{
    private int _calls;

    public int Calls => _calls;

    [Activity]
    public async Task<string> WorkAsync(SkipActivityInput input)
    {
        Interlocked.Increment(ref _calls);
        var attempt = ActivityExecutionContext.Current.Info.Attempt;
        if (attempt <= input.FailAttempts)
        {
            throw new ApplicationFailureException($"attempt {attempt} fails");
        }

        // Real work in wall time: while it runs, virtual time must not jump.
        await Task.Delay(input.RealWork, ActivityExecutionContext.Current.CancellationToken);
        return $"attempt {attempt}";
    }
}
