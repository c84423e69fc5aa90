using Agentic.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

public static class ServiceResourceExtensions
{
    public const string HttpEndpoint = "http";
    public const string GrpcEndpoint = "grpc";

    /// <summary>
    /// An HTTP/1.1 endpoint (<c>/health</c>, <c>/alive</c>, REST) and a plaintext HTTP/2 endpoint for gRPC:
    /// without TLS, Kestrel cannot offer both protocols on one port. The Kestrel endpoints are set through
    /// configuration, so the service itself has no port or protocol code.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithHttpAndGrpcEndpoints(this IResourceBuilder<ProjectResource> project)
    {
        project.WithHttpEndpoint(name: HttpEndpoint)
            .WithEndpoint(name: GrpcEndpoint, scheme: "http")
            .WithEndpoint(GrpcEndpoint, endpoint => endpoint.Transport = "http2");
        var http = project.GetEndpoint(HttpEndpoint);
        var grpc = project.GetEndpoint(GrpcEndpoint);
        return project
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["Kestrel__Endpoints__Http__Url"] =
                    ReferenceExpression.Create($"http://localhost:{http.Property(EndpointProperty.TargetPort)}");
                context.EnvironmentVariables["Kestrel__Endpoints__Http__Protocols"] = "Http1";
                context.EnvironmentVariables["Kestrel__Endpoints__Grpc__Url"] =
                    ReferenceExpression.Create($"http://localhost:{grpc.Property(EndpointProperty.TargetPort)}");
                context.EnvironmentVariables["Kestrel__Endpoints__Grpc__Protocols"] = "Http2";
            })
            .WithServiceHealthCheck(http);
    }

    /// <summary>Health from the service's <c>/health</c>, with a starting service shown as Degraded (<see cref="ServiceHealthCheck"/>).</summary>
    public static IResourceBuilder<ProjectResource> WithServiceHealthCheck(this IResourceBuilder<ProjectResource> project, EndpointReference http)
    {
        var name = $"{project.Resource.Name}-health";
        project.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name, new ServiceHealthCheck(() => new Uri(http.Url), "/health"), HealthStatus.Unhealthy, tags: null));
        return project.WithHealthCheck(name);
    }
}
