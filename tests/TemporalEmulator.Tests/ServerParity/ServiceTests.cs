using Agentic.Emulator.Tests.Common;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.Emulator.Tests.ServerParity;

public class ServiceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ITemporalClient _client = fixture.Client;

    [Fact]
    public async Task CheckHealth_WorkflowService_Serving()
    {
        Assert.True(await _client.Connection.CheckHealthAsync());
    }

    [Fact]
    public async Task AddSearchAttributes_NewAttribute_Listed()
    {
        var name = $"Parity{Guid.NewGuid():N}";
        var add = new AddSearchAttributesRequest { Namespace = fixture.Emulator.Namespace };
        add.SearchAttributes.Add(name, IndexedValueType.Double);

        await _client.Connection.OperatorService.AddSearchAttributesAsync(add);
        await _client.Connection.OperatorService.AddSearchAttributesAsync(add);

        var listed = await _client.Connection.OperatorService.ListSearchAttributesAsync(
            new ListSearchAttributesRequest { Namespace = fixture.Emulator.Namespace });
        Assert.Equal(IndexedValueType.Double, listed.CustomAttributes[name]);
        Assert.Equal(IndexedValueType.Keyword, listed.SystemAttributes["WorkflowId"]);
        Assert.DoesNotContain("WorkflowId", listed.CustomAttributes.Keys);
    }

    [Fact]
    public async Task AddSearchAttributes_SystemName_InvalidArgument()
    {
        var add = new AddSearchAttributesRequest { Namespace = fixture.Emulator.Namespace };
        add.SearchAttributes.Add("WorkflowType", IndexedValueType.Keyword);

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.Connection.OperatorService.AddSearchAttributesAsync(add));

        Assert.Equal(RpcException.StatusCode.InvalidArgument, error.Code);
        Assert.Contains("WorkflowType", error.Message, StringComparison.Ordinal);
    }
}
