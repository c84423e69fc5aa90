using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Temporalio.Activities;

namespace Agentic.WorkerDefaults.Probe;

/// <summary>Names the process that runs the activity: the resource name the AppHost gave it, if any.</summary>
public sealed class WorkerProbeActivities(IConfiguration configuration, IHostEnvironment environment)
{
    [Activity]
    public Task<WorkerProbeResult> DescribeWorkerAsync(WorkerProbeInput input)
    {
        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : environment.ApplicationName;
        return Task.FromResult(new WorkerProbeResult(serviceName, ActivityExecutionContext.Current.Info.TaskQueue, input.Token));
    }
}
