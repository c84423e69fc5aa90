using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.Emulator.Tests.Common;

/// <summary>One emulator per test class; tests isolate themselves with their own task queues and ids.</summary>
public class EmulatorFixture : IAsyncLifetime
{
    private TemporalEmulator? _emulator;

    public TemporalEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public ITemporalClient Client => Emulator.Client;

    protected virtual bool TimeSkipping => false;

    public async Task InitializeAsync()
    {
        _emulator = await TemporalEmulator.StartAsync(new TemporalEmulatorOptions { TimeSkipping = TimeSkipping });
        await RegisterSearchAttributesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    // Real Temporal needs custom search attributes registered first; an emulator without the
    // OperatorService accepts the typed keys as they come.
    private async Task RegisterSearchAttributesAsync()
    {
        var request = new AddSearchAttributesRequest { Namespace = Emulator.Namespace };
        request.SearchAttributes.Add(TestSearchAttributes.Keyword.Name, IndexedValueType.Keyword);
        request.SearchAttributes.Add(TestSearchAttributes.Number.Name, IndexedValueType.Int);
        request.SearchAttributes.Add(TestSearchAttributes.Text.Name, IndexedValueType.Text);
        try
        {
            await Client.Connection.OperatorService.AddSearchAttributesAsync(request);
        }
        catch (RpcException e) when (e.Code is RpcException.StatusCode.Unimplemented or RpcException.StatusCode.AlreadyExists)
        {
        }
    }
}
