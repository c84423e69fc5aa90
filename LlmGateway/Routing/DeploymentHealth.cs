namespace Agentic.LlmGateway.Routing;

/// <summary>
/// Passive health of one deployment: consecutive failures eject it for a while; any success (including a
/// last-resort attempt while ejected) brings it back at once.
/// </summary>
public sealed class DeploymentHealth
{
    private int _consecutiveFailures;
    private long _ejectedUntilTicks;

    public bool IsEjected(DateTimeOffset now) => Interlocked.Read(ref _ejectedUntilTicks) > now.UtcTicks;

    /// <summary>When the ejection ends (for ordering last-resort attempts).</summary>
    public long EjectedUntilTicks => Interlocked.Read(ref _ejectedUntilTicks);

    public void ReportSuccess()
    {
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Interlocked.Exchange(ref _consecutiveFailures, 0);
        }

        if (Interlocked.Read(ref _ejectedUntilTicks) != 0)
        {
            Interlocked.Exchange(ref _ejectedUntilTicks, 0);
        }
    }

    /// <summary>Counts a failure; true when it ejects the deployment now.</summary>
    public bool ReportFailure(DateTimeOffset now, int failuresToEject, TimeSpan ejectionDuration)
    {
        if (Interlocked.Increment(ref _consecutiveFailures) < failuresToEject || ejectionDuration <= TimeSpan.Zero)
        {
            return false;
        }

        Interlocked.Exchange(ref _consecutiveFailures, 0);
        Interlocked.Exchange(ref _ejectedUntilTicks, (now + ejectionDuration).UtcTicks);
        return true;
    }
}
