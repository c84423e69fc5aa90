using Temporalio.Activities;

namespace Agentic.Emulator.Tests.ServerParity;

public class MetadataActivities
{
    private int _calls;

    public int Calls => _calls;

    [Activity]
    public Task<MetadataOutput> EchoAsync(MetadataInput input)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new MetadataOutput(input.Text));
    }
}
