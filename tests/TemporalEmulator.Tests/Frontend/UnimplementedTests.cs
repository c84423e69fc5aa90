using Agentic.Emulator.Tests.Common;
using Temporalio.Api.WorkflowService.V1;
using Temporalio.Exceptions;

namespace Agentic.Emulator.Tests.Frontend;

public class UnimplementedTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task WorkflowService_UnimplementedMethod_AnswersUnimplemented()
    {
        var service = fixture.Client.Connection.WorkflowService;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            service.ListBatchOperationsAsync(new ListBatchOperationsRequest { Namespace = fixture.Emulator.Namespace }));

        Assert.Equal(RpcException.StatusCode.Unimplemented, error.Code);
    }

    [Fact]
    public async Task WorkflowService_AfterUnimplementedCall_StillServes()
    {
        var service = fixture.Client.Connection.WorkflowService;
        await Assert.ThrowsAsync<RpcException>(() =>
            service.DescribeBatchOperationAsync(new DescribeBatchOperationRequest { Namespace = fixture.Emulator.Namespace, JobId = "job" }));

        var response = await service.DescribeNamespaceAsync(new DescribeNamespaceRequest { Namespace = fixture.Emulator.Namespace });

        Assert.Equal(fixture.Emulator.Namespace, response.NamespaceInfo.Name);
    }
}
