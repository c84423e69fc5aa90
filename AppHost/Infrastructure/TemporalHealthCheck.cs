using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agentic.AppHost.Infrastructure;

/// <summary>
/// Healthy when Temporal's frontend answers <c>GetSystemInfo</c> over gRPC, the call every SDK makes
/// first; UNIMPLEMENTED also proves a Temporal frontend is serving.
/// </summary>
public sealed class TemporalHealthCheck(EndpointReference endpoint) : IHealthCheck, IDisposable
{
    // The request is an empty message and the answer is not read, so raw bytes need no generated types.
    private static readonly Method<byte[], byte[]> GetSystemInfo = new(
        MethodType.Unary,
        "temporal.api.workflowservice.v1.WorkflowService",
        "GetSystemInfo",
        Marshallers.Create(bytes => bytes, bytes => bytes),
        Marshallers.Create(bytes => bytes, bytes => bytes));

    private GrpcChannel? _channel;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        _channel ??= GrpcChannel.ForAddress($"http://{endpoint.Host}:{endpoint.Port}");
        try
        {
            await _channel.CreateCallInvoker().AsyncUnaryCall(
                GetSystemInfo, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken), []);
            return HealthCheckResult.Healthy();
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Unimplemented)
        {
            return HealthCheckResult.Healthy("GetSystemInfo is not implemented, but the frontend answers");
        }
        catch (RpcException exception)
        {
            return HealthCheckResult.Unhealthy($"GetSystemInfo failed: {exception.Status.StatusCode}", exception);
        }
    }

    public void Dispose() => _channel?.Dispose();
}
