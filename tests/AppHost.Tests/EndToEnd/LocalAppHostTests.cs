using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Agentic.WorkerDefaults.Probe;
using Agentic.WorkerDefaults.Temporal;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Temporalio.Client;
using Temporalio.Converters;

namespace Agentic.AppHost.Tests.EndToEnd;

[Collection(LocalAppHostCollection.Name)]
public class LocalAppHostTests(LocalAppHostFixture fixture)
{
    public static TheoryData<string> Workers => [.. LocalAppHostFixture.WorkerServices];

    [Fact]
    public void Start_LocalMode_EveryResourceRunningAndHealthy()
    {
        var notifications = fixture.App.Services.GetRequiredService<ResourceNotificationService>();
        foreach (var name in LocalAppHostFixture.AllResources)
        {
            Assert.True(notifications.TryGetCurrentState(name, out var resource), $"{name} has no state");
            Assert.Equal(KnownResourceStates.Running, resource.Snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, resource.Snapshot.HealthStatus);
        }
    }

    [Fact]
    public async Task Start_LocalMode_RedisIsTheLocalServerAndAnswersPing()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        Assert.IsType<RedisServerResource>(model.Resources.Single(resource => resource.Name == "redis"));

        var connectionString = await fixture.App.GetConnectionStringAsync("redis");
        Assert.False(string.IsNullOrEmpty(connectionString));
        var separator = connectionString.LastIndexOf(':');
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(connectionString[..separator], int.Parse(connectionString[(separator + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        await socket.SendAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[16];
        var received = await socket.ReceiveAsync(buffer);

        Assert.Equal("+PONG\r\n", Encoding.ASCII.GetString(buffer, 0, received));
    }

    [Theory]
    [MemberData(nameof(Workers))]
    public async Task GrpcHealthCheck_WorkerService_Serving(string service)
    {
        using var channel = GrpcChannel.ForAddress(fixture.App.GetEndpoint(service, "grpc"));

        var response = await new Health.HealthClient(channel).CheckAsync(
            new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [MemberData(nameof(Workers))]
    public async Task ProbeWorkflow_OnWorkerTaskQueue_CompletesWithServiceName(string service)
    {
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(fixture.TemporalAddress)
        {
            // eval-service encrypts what it hands to Temporal, and batch-service shares its key in the dev loop (it reads the
            // jury's answers); their answers are readable only with that key.
            DataConverter = service is "eval-service" or "batch-service"
                ? DataConverter.Default with { PayloadCodec = PayloadEncryptionCodec.FromBase64(EvalServiceDevelopmentPayloadKey()) }
                : DataConverter.Default,
        });
        var token = Guid.NewGuid().ToString("N");

        var result = await client.ExecuteWorkflowAsync(
            (WorkerProbeWorkflow workflow) => workflow.RunAsync(new WorkerProbeInput(token)),
            new WorkflowOptions($"probe-{service}-{token}", service) { ExecutionTimeout = TimeSpan.FromSeconds(60) });

        Assert.Equal(new WorkerProbeResult(service, service, token), result);
    }

    /// <summary>The key eval-service runs with in the dev loop (its Development settings, as the AppHost starts it).</summary>
    private static string EvalServiceDevelopmentPayloadKey()
    {
        var settings = Path.Combine(Path.GetDirectoryName(new Projects.EvalService().ProjectPath)!, "appsettings.Development.json");
        using var document = JsonDocument.Parse(File.ReadAllText(settings));
        return document.RootElement.GetProperty("Eval").GetProperty("PayloadKey").GetString()!;
    }
}
