using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML.Tokenizers;

namespace Agentic.LlmGateway.Tests.Simulation;

public sealed class SimulatedEmbeddingsTests(SimulatedProviderFixture fixture) : IClassFixture<SimulatedProviderFixture>
{
    [Fact]
    public async Task Embeddings_TwoInputs_DeterministicUnitVectorsAndTokenUsage()
    {
        using var client = fixture.Host.CreateClient();
        var request = new JsonObject { ["model"] = "sim-embed", ["input"] = new JsonArray("first text", "second, longer text") };

        var body = await PostAsync(client, request);
        var again = await PostAsync(client, request);

        var data = body.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        var first = Vector(data[0]);
        var second = Vector(data[1]);
        Assert.Equal(64, first.Length);
        Assert.Equal(1.0, Math.Sqrt(first.Sum(v => (double)v * v)), 4);
        Assert.Equal(1.0, Math.Sqrt(second.Sum(v => (double)v * v)), 4);
        Assert.NotEqual(first, second);
        Assert.Equal(first, Vector(again.GetProperty("data")[0]));
        var o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
        var tokens = o200k.CountTokens("first text") + o200k.CountTokens("second, longer text");
        Assert.Equal(tokens, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(tokens, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Embeddings_Base64Encoding_SameVectorAsFloats()
    {
        using var client = fixture.Host.CreateClient();

        var floats = Vector((await PostAsync(client, new JsonObject { ["model"] = "sim-embed", ["input"] = "hello" })).GetProperty("data")[0]);
        var encoded = (await PostAsync(client, new JsonObject { ["model"] = "sim-embed", ["input"] = "hello", ["encoding_format"] = "base64" }))
            .GetProperty("data")[0].GetProperty("embedding").GetString()!;

        Assert.Equal(floats, MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(encoded)).ToArray());
    }

    [Fact]
    public async Task Embeddings_EmptyInput_400NamingInput()
    {
        using var client = fixture.Host.CreateClient();

        using var response = await client.PostAsJsonAsync("v1/embeddings", new JsonObject { ["model"] = "sim-embed", ["input"] = new JsonArray() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("input", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Models_Default_ListsSimulatedModels()
    {
        using var client = fixture.Host.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("v1/models");

        Assert.Equal("list", body.GetProperty("object").GetString());
        Assert.Equal(["sim-chat", "sim-embed"], body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Models_Configured_ReplaceDefaults()
    {
        await using var host = await SimulatedProviderHost.StartAsync(new Dictionary<string, string?> { ["Simulation:Models:0"] = "tiny" });
        using var client = host.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("v1/models");

        Assert.Equal(["tiny"], body.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    private static float[] Vector(JsonElement item) => item.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();

    private static async Task<JsonElement> PostAsync(HttpClient client, JsonObject request)
    {
        using var response = await client.PostAsJsonAsync("v1/embeddings", request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
