using Microsoft.Extensions.Logging;
using Temporalio.Activities;

namespace Agentic.WorkerDefaults.Tests.Telemetry;

/// <summary>Logs through an injected logger, as service activities do, not through the activity context's.</summary>
public class LoggedActivities(ILogger<LoggedActivities> logger)
{
    public const string ActivityLine = "activity line";

    [Activity]
    public Task<LoggedResult> NoteAsync(LoggedInput input)
    {
#pragma warning disable CA1848, CA2254
        logger.LogInformation(ActivityLine);
#pragma warning restore CA1848, CA2254
        return Task.FromResult(new LoggedResult(input.Text));
    }
}
