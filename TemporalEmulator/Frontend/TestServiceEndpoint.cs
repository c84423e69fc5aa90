using Agentic.Emulator.Executions;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Temporalio.Api.TestService.V1;

namespace Agentic.Emulator.Frontend;

/// <summary>Temporal's TestService: virtual time for time-skipping tests (<c>client.Connection.TestService</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "RPC handlers are bound by name as instance methods.")]
internal sealed class TestServiceEndpoint(EmulatorContext context)
{
    public Task<GetCurrentTimeResponse> GetCurrentTime(Empty request, ServerCallContext call) =>
        Task.FromResult(new GetCurrentTimeResponse { Time = Timestamp.FromDateTime(context.Clock.UtcNow) });

    public Task<LockTimeSkippingResponse> LockTimeSkipping(LockTimeSkippingRequest request, ServerCallContext call)
    {
        context.Clock.LockSkipping();
        return Task.FromResult(new LockTimeSkippingResponse());
    }

    public Task<UnlockTimeSkippingResponse> UnlockTimeSkipping(UnlockTimeSkippingRequest request, ServerCallContext call)
    {
        context.Clock.UnlockSkipping();
        return Task.FromResult(new UnlockTimeSkippingResponse());
    }

    public async Task<SleepResponse> Sleep(SleepRequest request, ServerCallContext call)
    {
        var duration = request.Duration?.ToTimeSpan() ?? TimeSpan.Zero;
        await context.Clock.SleepUntilAsync(context.Clock.UtcNow + duration, call.CancellationToken);
        return new SleepResponse();
    }

    public async Task<SleepResponse> SleepUntil(SleepUntilRequest request, ServerCallContext call)
    {
        await context.Clock.SleepUntilAsync(request.Timestamp?.ToDateTime() ?? context.Clock.UtcNow, call.CancellationToken);
        return new SleepResponse();
    }

    public async Task<SleepResponse> UnlockTimeSkippingWithSleep(SleepRequest request, ServerCallContext call)
    {
        context.Clock.UnlockSkipping();
        try
        {
            var duration = request.Duration?.ToTimeSpan() ?? TimeSpan.Zero;
            await context.Clock.SleepUntilAsync(context.Clock.UtcNow + duration, call.CancellationToken);
        }
        finally
        {
            context.Clock.LockSkipping();
        }

        return new SleepResponse();
    }
}
