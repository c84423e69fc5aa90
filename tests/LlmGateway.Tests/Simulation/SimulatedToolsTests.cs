using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace Agentic.LlmGateway.Tests.Simulation;

/// <summary>The simulated model calls the functions of <c>tools</c> as <c>tool_choice</c> asks, with arguments that fill each function's schema.</summary>
public sealed class SimulatedToolsTests(SimulatedProviderFixture fixture) : IClassFixture<SimulatedProviderFixture>
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool(
        "get_weather",
        "Forecast for a city.",
        BinaryData.FromString("""
            {"type":"object","properties":{
              "city":{"type":"string"},
              "unit":{"type":"string","enum":["celsius","fahrenheit"]},
              "days":{"type":"integer","minimum":1,"maximum":7},
              "hourly":{"type":"boolean"}},
             "required":["city","unit","days"],"additionalProperties":false}
            """));

    private static readonly ChatTool Clock = ChatTool.CreateFunctionTool("get_time", "The time in a zone.", BinaryData.FromString("""{"type":"object","properties":{"zone":{"type":"string"}}}"""));

    [Fact]
    public async Task CompleteChat_ForcedFunction_ToolCallWhoseArgumentsFillTheSchema()
    {
        var options = new ChatCompletionOptions { Tools = { Clock, Weather }, ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather") };

        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("Weather in Oslo?")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        using var arguments = JsonDocument.Parse(call.FunctionArguments);
        var root = arguments.RootElement;
        Assert.Equal(JsonValueKind.String, root.GetProperty("city").ValueKind);
        Assert.Contains(root.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
        Assert.InRange(root.GetProperty("days").GetInt32(), 1, 7);
        Assert.True(completion.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task CompleteChatStreaming_ForcedFunction_ArgumentDeltasJoinToTheSameCall()
    {
        var options = new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather") };
        ChatCompletion plain = await Chat().CompleteChatAsync([new UserChatMessage("Weather in Lima?")], options);

        var arguments = new StringBuilder();
        string? name = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("Weather in Lima?")], options))
        {
            foreach (var part in update.ToolCallUpdates)
            {
                name ??= part.FunctionName;
                arguments.Append(part.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("get_weather", name);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        Assert.Equal(plain.ToolCalls[0].FunctionArguments.ToString(), arguments.ToString());
    }

    [Fact]
    public async Task CompleteChat_RequiredChoice_CallsOneOfTheTools()
    {
        var options = new ChatCompletionOptions { Tools = { Clock, Weather }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("Anything.")], options);

        Assert.Contains(Assert.Single(completion.ToolCalls).FunctionName, new[] { "get_time", "get_weather" });
    }

    [Fact]
    public async Task CompleteChat_AutoAfterToolResult_AnswersInText()
    {
        var options = new ChatCompletionOptions { Tools = { Weather } };
        var first = await Chat().CompleteChatAsync([new UserChatMessage("Weather in Rome?")], options);
        var call = Assert.Single(first.Value.ToolCalls);

        ChatCompletion answer = await Chat().CompleteChatAsync(
            [new UserChatMessage("Weather in Rome?"), new AssistantChatMessage([call]), new ToolChatMessage(call.Id, """{"forecast":"sunny"}""")],
            options);

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Empty(answer.ToolCalls);
        Assert.False(string.IsNullOrWhiteSpace(answer.Content[0].Text));
    }

    [Fact]
    public async Task CompleteChat_NoneChoice_AnswersInText()
    {
        var options = new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateNoneChoice() };

        ChatCompletion answer = await Chat().CompleteChatAsync([new UserChatMessage("Weather in Rome?")], options);

        Assert.Equal(ChatFinishReason.Stop, answer.FinishReason);
        Assert.Empty(answer.ToolCalls);
    }

    [Fact]
    public async Task ChatCompletions_ChoiceNamesUnknownFunction_400NamingToolChoice()
    {
        using var client = fixture.Host.CreateClient();
        using var content = new StringContent(
            """{"model":"sim-chat","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"a"}}],"tool_choice":{"type":"function","function":{"name":"b"}}}""",
            Encoding.UTF8,
            "application/json");

        using var response = await client.PostAsync("v1/chat/completions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("tool_choice", body.RootElement.GetProperty("error").GetProperty("param").GetString());
    }

    private ChatClient Chat() =>
        new OpenAIClient(new ApiKeyCredential(SimulatedProviderHost.Key), new OpenAIClientOptions { Endpoint = new Uri(fixture.Host.BaseAddress, "v1") }).GetChatClient("sim-chat");
}
