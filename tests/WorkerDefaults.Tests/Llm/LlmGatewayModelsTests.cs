using Agentic.WorkerDefaults.Llm;
using Microsoft.AspNetCore.Http;
using Temporalio.Exceptions;

namespace Agentic.WorkerDefaults.Tests.Llm;

public sealed class LlmGatewayModelsTests(ScriptedGateway gateway) : IClassFixture<ScriptedGateway>, IDisposable
{
    private readonly GatewayClientHost _client = new(gateway.BaseAddress);

    public void Dispose()
    {
        gateway.Script = null;
        _client.Dispose();
    }

    [Fact]
    public async Task FindAsync_ModelEndpointAnswers_ReturnsItsOperations()
    {
        gateway.Script = ScriptedGateway.Answer(200, """{"id":"sim-embed","object":"model","owned_by":"x","operations":["embeddings"]}""");

        var model = await _client.Models.FindAsync("sim-embed", CancellationToken.None);

        Assert.Equal("sim-embed", model!.Id);
        Assert.True(model.Serves(LlmGatewayModel.Embeddings));
        Assert.False(model.Serves(LlmGatewayModel.ChatCompletions));
        Assert.Equal($"Bearer {GatewayClientHost.Key}", gateway.LastAuthorization);
    }

    [Fact]
    public async Task FindAsync_ModelWithPricing_ReturnsTheGatewaysPrices()
    {
        gateway.Script = ScriptedGateway.Answer(200, """{"id":"sim-chat","object":"model","pricing":{"currency":"USD","input_per_million":2.5,"cached_input_per_million":1.25,"output_per_million":10}}""");

        var model = await _client.Models.FindAsync("sim-chat", CancellationToken.None);

        Assert.Equal(new Agentic.LlmGateway.Protocol.TokenPrice(2.5m, 1.25m, 10m), model!.Price);
        Assert.Equal(0.0025m + 0.000625m + 0.01m, model.Price!.Cost(1500, 500, 1000));
    }

    [Fact]
    public async Task FindAsync_ModelWithoutPricing_HasNoPrice()
    {
        gateway.Script = ScriptedGateway.Answer(200, """{"id":"sim-chat","object":"model"}""");

        Assert.Null((await _client.Models.FindAsync("sim-chat", CancellationToken.None))!.Price);
    }

    [Fact]
    public async Task FindAsync_UnknownModelWithErrorBody_ReturnsNull()
    {
        gateway.Script = ScriptedGateway.Answer(404, """{"error":{"message":"The model 'nope' does not exist","code":"model_not_found"}}""");

        Assert.Null(await _client.Models.FindAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_GatewayWithoutModelEndpoint_LooksInTheList()
    {
        var paths = new List<string>();
        gateway.Script = async context =>
        {
            paths.Add(context.Request.Path);
            if (context.Request.Path == "/v1/models")
            {
                await ScriptedGateway.Answer(200, """{"object":"list","data":[{"id":"sim-chat","object":"model"}]}""")(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
        };

        var found = await _client.Models.FindAsync("sim-chat", CancellationToken.None);
        var missing = await _client.Models.FindAsync("other", CancellationToken.None);

        Assert.Equal("sim-chat", found!.Id);
        Assert.True(found.Serves(LlmGatewayModel.ChatCompletions));
        Assert.Null(missing);
        Assert.Equal(["/v1/models/sim-chat", "/v1/models", "/v1/models/other", "/v1/models"], paths);
    }

    [Fact]
    public async Task FindAsync_GatewayRefusesTheKey_ThrowsUnauthorizedFailure()
    {
        gateway.Script = ScriptedGateway.Answer(401, """{"error":{"message":"bad key"}}""");

        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => _client.Models.FindAsync("sim-chat", CancellationToken.None));

        Assert.Equal(LlmGatewayFailures.Unauthorized, failure.ErrorType);
    }
}
