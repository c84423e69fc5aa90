using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.BatchService.Tests.Structured;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// Structured output end to end: the gateway's simulated provider answers from a recorded-answers file, so one
/// row answers well, one answers wrongly until it is told what was wrong, and one never conforms.
/// </summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class StructuredJobTests(BatchEnvironment environment) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartBatch_StructuredRowsValidFixedAndNeverValid_RecordsParsedObjectsAndTheValidationErrors()
    {
        var answers = _dir.Write("answers.jsonl", string.Join('\n',
            Answer("regex", "item item-fixed(?s:.*)does not conform", """{"score":2,"label":"bad"}"""),
            Answer("contains", "item item-fixed", """{"score":"two","label":"bad"}"""),
            Answer("contains", "item item-valid", """{"score":4,"label":"good"}"""),
            Answer("contains", "item item-never", """{"score":99,"label":"good"}""")) + "\n");
        await using var gateway = await environment.StartGatewayAsync(recordedAnswers: answers);
        await using var service = await environment.StartServiceAsync(gateway);
        var rows = string.Join('\n', new[] { "item-valid", "item-fixed", "item-never" }.Select(id => JsonSerializer.Serialize(new { id, text = "item " + id }))) + "\n";
        var request = new StartBatchRequest
        {
            JobId = "structured-" + Guid.NewGuid().ToString("N"),
            Input = new BatchInput { Location = _dir.Write("rows.jsonl", rows), Format = InputFormat.Jsonl, RowIdColumn = "id" },
            Task = new BatchTask { Kind = TaskKind.Structured, PromptTemplate = "Rate {{text}}", JsonSchema = StructuredSchemaTests.ScoreSchema, OutputAttempts = 3 },
            Model = BatchEnvironment.ChatModel,
            BatchSize = 10,
            OutputLocation = _dir.File("out"),
        };

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        Assert.Equal(2, status.RowsSucceeded);
        Assert.Equal(1, status.RowsFailed);
        var records = File.ReadAllLines(OutputReader.PartFiles(request.OutputLocation).Single())
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToDictionary(r => r.GetProperty("row_id").GetString()!, StringComparer.Ordinal);
        var valid = records["item-valid"].GetProperty("output").GetProperty("json");
        Assert.Equal(JsonValueKind.Object, valid.ValueKind);
        Assert.Equal(4, valid.GetProperty("score").GetInt32());
        Assert.Equal(1, records["item-valid"].GetProperty("attempts").GetInt32());
        Assert.Equal(2, records["item-fixed"].GetProperty("output").GetProperty("json").GetProperty("score").GetInt32());
        Assert.Equal(2, records["item-fixed"].GetProperty("attempts").GetInt32());
        var never = records["item-never"];
        Assert.Equal("failed", never.GetProperty("status").GetString());
        Assert.Equal(3, never.GetProperty("attempts").GetInt32());
        Assert.Equal("invalid_model_output", never.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("/score: ", never.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(never.GetProperty("usage").GetProperty("prompt_tokens").GetInt64() > 0);
    }

    private static string Answer(string match, string value, string content) =>
        JsonSerializer.Serialize(new { model = BatchEnvironment.ChatModel, match = new Dictionary<string, string> { [match] = value }, content });
}
