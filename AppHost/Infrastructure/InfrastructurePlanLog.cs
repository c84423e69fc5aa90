using Agentic.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

public static partial class InfrastructurePlanLog
{
    /// <summary>Writes the chosen infrastructure to the AppHost's log when the application starts.</summary>
    public static IDistributedApplicationBuilder LogInfrastructurePlan(this IDistributedApplicationBuilder builder, InfrastructurePlan plan)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Agentic.AppHost");
            LogPlan(logger, plan.Mode, plan.Temporal, plan.Reason);
            return Task.CompletedTask;
        });
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Infrastructure mode {Mode}, Temporal from {Temporal}: {Reason}")]
    private static partial void LogPlan(ILogger logger, InfrastructureMode mode, TemporalHosting temporal, string reason);
}
