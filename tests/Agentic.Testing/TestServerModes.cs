namespace Agentic.Testing;

/// <summary>
/// Picks how test servers run. <c>AGENTIC_TEST_SERVERS=containers|local</c> forces one; otherwise a
/// container when a Docker engine answers, the local binary when none does (CI here).
/// </summary>
public static class TestServerModes
{
    public const string Variable = "AGENTIC_TEST_SERVERS";

    private static readonly Lazy<Task<ServerMode>> Detected = new(DetectAsync);

    public static Task<ServerMode> ResolveAsync()
    {
        var forced = Environment.GetEnvironmentVariable(Variable);
        if (string.Equals(forced, "containers", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(ServerMode.Container);
        }

        if (string.Equals(forced, "local", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(ServerMode.LocalProcess);
        }

        return Detected.Value;
    }

    private static async Task<ServerMode> DetectAsync() =>
        await DockerEngine.AnswersAsync(TimeSpan.FromSeconds(2)) ? ServerMode.Container : ServerMode.LocalProcess;
}
