using Grpc.Health.V1;
using Grpc.HealthCheck;

namespace Agentic.Emulator.Frontend;

/// <summary>The standard gRPC health service, as the server serves it: the SDK's health check asks about the WorkflowService.</summary>
internal static class HealthService
{
    public static HealthServiceImpl Create()
    {
        var health = new HealthServiceImpl();
        health.SetStatus(string.Empty, HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(Temporalio.Api.WorkflowService.V1.ServiceReflection.Descriptor.Services[0].FullName, HealthCheckResponse.Types.ServingStatus.Serving);
        health.SetStatus(Temporalio.Api.OperatorService.V1.ServiceReflection.Descriptor.Services[0].FullName, HealthCheckResponse.Types.ServingStatus.Serving);
        return health;
    }
}
