using Microsoft.Extensions.Logging;
using Temporalio.Activities;
using Temporalio.Client.Interceptors;
using Temporalio.Worker.Interceptors;

namespace Agentic.WorkerDefaults.Telemetry;

/// <summary>
/// The SDK already scopes every log line written during a workflow or activity (also through injected loggers)
/// with the workflow id; activities name the run <c>WorkflowRunId</c>, workflows <c>RunId</c>. This adds
/// <c>RunId</c> to activity lines too, so one field finds every line of a run.
/// </summary>
public sealed class LogScopeInterceptor(ILoggerFactory loggers) : IClientInterceptor, IWorkerInterceptor
{
    /// <summary>The scope key that carries the workflow run id on every line from a workflow or activity.</summary>
    public const string RunIdKey = "RunId";

    private readonly ILogger _logger = loggers.CreateLogger("Temporalio.Activity");

    /// <summary>Registered on the client (so every worker of that client uses it); client calls pass through.</summary>
    public ClientOutboundInterceptor InterceptClient(ClientOutboundInterceptor nextInterceptor) => nextInterceptor;

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) =>
        new ActivityScope(nextInterceptor, _logger);

    private sealed class ActivityScope(ActivityInboundInterceptor next, ILogger logger) : ActivityInboundInterceptor(next)
    {
        public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
        {
            var info = ActivityExecutionContext.Current.Info;
            using (logger.BeginScope(new Dictionary<string, object?> { [RunIdKey] = info.WorkflowRunId }))
            {
                return await base.ExecuteActivityAsync(input);
            }
        }
    }
}
