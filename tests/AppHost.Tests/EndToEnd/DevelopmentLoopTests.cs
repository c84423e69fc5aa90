using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Microsoft.Extensions.DependencyInjection;

#pragma warning disable ASPIRECERTIFICATES001 // reads the annotation the AppHost sets

namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>What a developer gets from <c>./build.sh run</c>: the services in Development, so tools can discover them.</summary>
[Collection(LocalAppHostCollection.Name)]
public class DevelopmentLoopTests(LocalAppHostFixture fixture)
{
    public static TheoryData<string> Projects => ["llm-gateway", .. LocalAppHostFixture.WorkerServices];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Start_LocalMode_ServiceRunsInDevelopment(string service)
    {
        var notifications = fixture.App.Services.GetRequiredService<ResourceNotificationService>();
        Assert.True(notifications.TryGetCurrentState(service, out var resource), $"{service} has no state");
        var environment = resource.Snapshot.EnvironmentVariables.ToDictionary(variable => variable.Name, variable => variable.Value);

        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Development", environment["DOTNET_ENVIRONMENT"]);
    }

    [Theory]
    [InlineData("batch-service", "agentic.batch.v1.BatchService")]
    [InlineData("eval-service", "grpc.health.v1.Health")]
    [InlineData("approval-service", "grpc.health.v1.Health")]
    public async Task GrpcReflection_WorkerService_ListsItsServices(string service, string expected)
    {
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint(service, "grpc"));
        using var call = new ServerReflection.ServerReflectionClient(channel)
            .ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(30));

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(entry => entry.Name).ToList();

        Assert.Contains(expected, services);
    }

    [Fact]
    public void Start_LocalMode_NoProjectAsksForADevelopmentCertificate()
    {
        // Aspire warns (log and dashboard banner) about an untrusted certificate only for resources that use TLS.
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();

        Assert.All(model.Resources.OfType<ProjectResource>(), project =>
        {
            Assert.DoesNotContain(project.Annotations.OfType<EndpointAnnotation>(), endpoint => endpoint.UriScheme == "https");
            Assert.False(project.Annotations.OfType<HttpsCertificateAnnotation>().Single().UseDeveloperCertificate);
        });
    }
}
