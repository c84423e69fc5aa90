using Agentic.Emulator.Tests.Common;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Namespaces;

public class NamespaceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;

    [Fact]
    public async Task DescribeNamespace_Default_IsRegistered()
    {
        var response = await _client.WorkflowService.DescribeNamespaceAsync(new DescribeNamespaceRequest { Namespace = "default" });

        Assert.Equal("default", response.NamespaceInfo.Name);
        Assert.Equal(NamespaceState.Registered, response.NamespaceInfo.State);
        Assert.Equal("default", fixture.Emulator.Namespace);
    }

    [Fact]
    public async Task RegisterNamespace_New_DescribesWithRetention()
    {
        var name = $"ns-{Guid.NewGuid():N}";

        await _client.WorkflowService.RegisterNamespaceAsync(new RegisterNamespaceRequest
        {
            Namespace = name,
            Description = "conformance",
            WorkflowExecutionRetentionPeriod = Duration.FromTimeSpan(TimeSpan.FromDays(3)),
        });
        var response = await _client.WorkflowService.DescribeNamespaceAsync(new DescribeNamespaceRequest { Namespace = name });

        Assert.Equal(name, response.NamespaceInfo.Name);
        Assert.Equal("conformance", response.NamespaceInfo.Description);
        Assert.Equal(NamespaceState.Registered, response.NamespaceInfo.State);
        Assert.Equal(TimeSpan.FromDays(3), response.Config.WorkflowExecutionRetentionTtl.ToTimeSpan());
        Assert.False(string.IsNullOrEmpty(response.NamespaceInfo.Id));
    }

    [Fact]
    public async Task RegisterNamespace_Twice_AlreadyExists()
    {
        var name = $"ns-{Guid.NewGuid():N}";
        var request = new RegisterNamespaceRequest
        {
            Namespace = name,
            WorkflowExecutionRetentionPeriod = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
        };
        await _client.WorkflowService.RegisterNamespaceAsync(request);

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.WorkflowService.RegisterNamespaceAsync(request));

        Assert.Equal(RpcException.StatusCode.AlreadyExists, error.Code);
    }

    [Fact]
    public async Task DescribeNamespace_Unknown_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.WorkflowService.DescribeNamespaceAsync(new DescribeNamespaceRequest { Namespace = $"missing-{Guid.NewGuid():N}" }));

        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
    }

    [Fact]
    public async Task RegisterNamespace_New_RunsWorkflowsApartFromDefault()
    {
        var name = $"ns-{Guid.NewGuid():N}";
        await _client.WorkflowService.RegisterNamespaceAsync(new RegisterNamespaceRequest
        {
            Namespace = name,
            WorkflowExecutionRetentionPeriod = Duration.FromTimeSpan(TimeSpan.FromDays(1)),
        });
        var client = await TemporalClient.ConnectAsync(new TemporalClientConnectOptions(fixture.Emulator.Address) { Namespace = name });
        var taskQueue = Unique.TaskQueue();
        var id = Unique.WorkflowId();
        using var worker = new TemporalWorker(client, new TemporalWorkerOptions(taskQueue).AddWorkflow<EchoWorkflow>());

        var result = await worker.ExecuteAsync(() =>
            client.ExecuteWorkflowAsync((EchoWorkflow wf) => wf.RunAsync(new EchoInput("hello")), new WorkflowOptions(id, taskQueue)).WithDeadline());

        Assert.Equal(new EchoOutput("hello", name), result);
        // The same id is unknown in the default namespace.
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.GetWorkflowHandle(id).DescribeAsync());
        Assert.Equal(RpcException.StatusCode.NotFound, error.Code);
    }
}
