using System.Text.Json;
using Agentic.BatchService.Activities;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.BatchService.Workflows;
using Microsoft.Extensions.Logging.Abstractions;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Tests.Activities;

public sealed class PartProcessorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly BatchOptions _options = new()
    {
        CheckpointInterval = TimeSpan.Zero,
        RowRetryDelay = TimeSpan.FromMilliseconds(1),
    };

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ProcessAsync_RowsWithMalformedOnes_WritesOneRecordPerRowInOrder()
    {
        var lines = Enumerable.Range(0, 50).Select(i => i % 10 == 3 ? "{broken" : $"{{\"id\":\"r{i}\",\"text\":\"t{i}\"}}");
        var (input, model) = await PlanAsync(lines, batchSize: 50, part: 0);

        var result = await Processor(model).ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        var records = ReadRecords(result.PartPath);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), records.Select(r => r.GetProperty("row").GetInt64()));
        Assert.Equal(5, result.Failed);
        Assert.Equal(45, result.Succeeded);
        var failed = records.Where(r => r.GetProperty("status").GetString() == "failed").ToList();
        Assert.All(failed, r => Assert.StartsWith("malformed JSON at line ", Message(r), StringComparison.Ordinal));
        Assert.All(records, r => Assert.Equal(r.GetProperty("row").GetInt64() + 1, r.GetProperty("line").GetInt64()));
        Assert.Equal("echo:t0", records[0].GetProperty("output").GetProperty("text").GetString());
        Assert.Equal(45, model.Calls);
    }

    [Fact]
    public async Task ProcessAsync_RetryAfterCrash_ResumesAfterCheckpointWithoutDuplicates()
    {
        var lines = Enumerable.Range(0, 300).Select(i => $"{{\"id\":\"r{i}\",\"text\":\"t{i}\"}}");
        using var crash = new CancellationTokenSource();
        var firstModel = new ScriptedModel(async (prompt, _, token) =>
        {
            await Task.Yield();
            return new RowModelResult("ok", null, 1, 1);
        });
        var (input, _) = await PlanAsync(lines, batchSize: 100, part: 1);
        PartCheckpoint? last = null;
        var crashing = new ScriptedModel(async (prompt, _, token) =>
        {
            if (firstModel.Calls >= 60)
            {
                await crash.CancelAsync();
                token.ThrowIfCancellationRequested();
            }

            return await firstModel.CallAsync(input.Task, prompt, [], token);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Processor(crashing).ProcessAsync(input, 1, null, c => last = c, crash.Token));
        Assert.NotNull(last);
        Assert.InRange(last.RowsDone, 1, 60);
        Assert.False(File.Exists(JobPaths.PartFile(input.OutputLocation, 1)));

        var second = new ScriptedModel();
        var result = await Processor(second).ProcessAsync(input, 2, last, _ => { }, CancellationToken.None);

        var rows = ReadRecords(result.PartPath).Select(r => r.GetProperty("row").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(100, 100).Select(i => (long)i), rows);
        Assert.Equal(100 - last.RowsDone, second.Calls);
        Assert.Equal(last.RowsDone, result.ResumedFromRow);
        Assert.Equal(100, result.Succeeded);
        Assert.Empty(Directory.GetFiles(JobPaths.PartsDirectory(input.OutputLocation), "*.tmp"));
    }

    [Fact]
    public async Task ProcessAsync_PartAlreadyWritten_ReturnsItsSummaryWithoutCallingTheModel()
    {
        var lines = Enumerable.Range(0, 20).Select(i => $"{{\"id\":\"r{i}\",\"text\":\"t{i}\"}}");
        var (input, model) = await PlanAsync(lines, batchSize: 20, part: 0);
        var first = await Processor(model).ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        var again = new ScriptedModel();
        var second = await Processor(again).ProcessAsync(input, 2, null, _ => { }, CancellationToken.None);

        Assert.Equal(0, again.Calls);
        Assert.Equal(first.Succeeded, second.Succeeded);
        Assert.Equal(first.PromptTokens, second.PromptTokens);
        Assert.Equal(20, ReadRecords(second.PartPath).Count);
    }

    [Fact]
    public async Task ProcessAsync_RateLimited_WaitsRetryAfterAndDoesNotCountItAsFailure()
    {
        var lines = Enumerable.Range(0, 4).Select(i => $"{{\"id\":\"r{i}\",\"text\":\"t{i}\"}}");
        var model = new ScriptedModel((prompt, call, _) => call <= 3
            ? throw new ApplicationFailureException("rate limited", RowRunner.RateLimitedError, nextRetryDelay: TimeSpan.FromMilliseconds(150))
            : Task.FromResult(new RowModelResult("ok", null, 1, 1)));
        var (input, _) = await PlanAsync(lines, batchSize: 4, part: 0, retryLimit: 1);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = await Processor(model).ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        Assert.Equal(4, result.Succeeded);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(3 * 150), $"took {started.Elapsed}");
        Assert.All(ReadRecords(result.PartPath), r => Assert.Equal(4, r.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task ProcessAsync_RetryableErrorsBeyondLimit_FailRowOthersNonRetryableFailAtOnce()
    {
        var lines = new[] { "{\"id\":\"flaky\",\"text\":\"flaky\"}", "{\"id\":\"down\",\"text\":\"down\"}", "{\"id\":\"bad\",\"text\":\"bad\"}" };
        var model = new ScriptedModel((prompt, call, _) => prompt switch
        {
            "flaky" when call <= 2 => throw new ApplicationFailureException("boom", "LlmUpstreamError"),
            "down" => throw new HttpRequestException("connection refused"),
            "bad" => throw new ApplicationFailureException("bad request", "LlmBadRequest", nonRetryable: true),
            _ => Task.FromResult(new RowModelResult("ok", null, 1, 1)),
        });
        var (input, _) = await PlanAsync(lines, batchSize: 3, part: 0, retryLimit: 2);

        var result = await Processor(model).ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        var records = ReadRecords(result.PartPath).ToDictionary(r => r.GetProperty("row_id").GetString()!);
        Assert.Equal("succeeded", records["flaky"].GetProperty("status").GetString());
        Assert.Equal(3, records["flaky"].GetProperty("attempts").GetInt32());
        Assert.Equal("failed", records["down"].GetProperty("status").GetString());
        Assert.StartsWith("gave up after 3 failed attempts: HttpRequestException: connection refused", Message(records["down"]), StringComparison.Ordinal);
        Assert.Equal("transport_error", records["down"].GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(1, records["bad"].GetProperty("attempts").GetInt32());
        Assert.Equal("LlmBadRequest", records["bad"].GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal("bad request", Message(records["bad"]));
    }

    [Fact]
    public async Task ProcessAsync_TokenAllowance_SkipsRowsOnceItWouldBeExceeded()
    {
        var lines = Enumerable.Range(0, 40).Select(i => $"{{\"id\":\"r{i}\",\"text\":\"0123456789\"}}");
        var (input, model) = await PlanAsync(lines, batchSize: 40, part: 0, maxTokens: 10);
        // Each row reserves 10 prompt bytes + 16 overhead + 10 completion = 36 and spends 10 + 5 = 15.
        input = input with { TokenAllowance = 300 };

        var result = await Processor(model).ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        Assert.True(result.BudgetExhausted);
        Assert.True(result.PromptTokens + result.CompletionTokens <= 300);
        Assert.InRange(result.Succeeded, 1, 39);
        Assert.Equal(40, result.Succeeded + result.Skipped);
        var records = ReadRecords(result.PartPath);
        Assert.Equal(40, records.Count);
        Assert.All(records.Where(r => r.GetProperty("status").GetString() == "skipped"),
            r => Assert.Equal("skipped: token budget exhausted", Message(r)));
    }

    [Fact]
    public async Task ProcessAsync_JsonSchemaTask_ParsesJsonOutputAndFailsRowsThatAreNotJson()
    {
        var lines = Enumerable.Range(0, 6).Select(i => $"{{\"id\":\"r{i}\",\"text\":\"t{i}\"}}");
        var model = new ScriptedModel((prompt, _, _) => Task.FromResult(new RowModelResult(
            prompt == "t3" ? "not json" : $"{{\"label\":\"{prompt}\"}}", null, 2, 3)));
        var (input, _) = await PlanAsync(lines, batchSize: 6, part: 0);
        input = input with { Task = input.Task with { JsonSchema = "{\"type\":\"object\"}" } };

        var result = await Processor(model).ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        var records = ReadRecords(result.PartPath);
        Assert.Equal(5, result.Succeeded);
        Assert.Equal("t0", records[0].GetProperty("output").GetProperty("json").GetProperty("label").GetString());
        Assert.StartsWith("the model's answer is not valid JSON", Message(records[3]), StringComparison.Ordinal);
        Assert.Equal("invalid_model_output", records[3].GetProperty("error").GetProperty("kind").GetString());
        Assert.Equal(3, records[3].GetProperty("usage").GetProperty("completion_tokens").GetInt64());
    }

    [Fact]
    public async Task ProcessAsync_CsvEmbeddingTask_WritesVectorsKeyedByRowIdColumn()
    {
        var inputPath = _dir.Write("in.csv", "key,text\nk1,\"hello, world\"\nk2,\"two\nlines\"\nk3,bad,extra\n");
        var output = _dir.File("csv-out");
        var spec = new BatchInputSpec(inputPath, BatchInputFormat.Csv, "key");
        var plan = await new BatchPlanner().PlanAsync(new PlanBatchInput("job", spec, 10, output), () => { }, CancellationToken.None);
        var task = new BatchTaskSpec(BatchTaskKind.Embedding, "embed", "{{text}}", null, null, null, null, null, 1, 2);
        var input = new BatchPartInput("job", 0, 0, plan.RowCountOf(0), plan.IndexPath, spec, task, output, null, TimeSpan.FromSeconds(10));
        var model = new ScriptedModel((prompt, _, _) => Task.FromResult(new RowModelResult(null, [prompt.Length, 1f], 4, 0)));

        var result = await Processor(model).ProcessAsync(input, 1, null, _ => { }, CancellationToken.None);

        var records = ReadRecords(result.PartPath);
        Assert.Equal(3, plan.TotalRows);
        Assert.Equal(["k1", "k2", "k3"], records.Select(r => r.GetProperty("row_id").GetString()));
        Assert.Equal([2L, 3L, 5L], records.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal(12, records[0].GetProperty("output").GetProperty("embedding")[0].GetSingle());
        Assert.Equal(9, records[1].GetProperty("output").GetProperty("embedding")[0].GetSingle());
        Assert.Equal("malformed CSV at line 5: expected 2 columns (as in the header), found 3", Message(records[2]));
    }

    private PartProcessor Processor(IRowModel model) =>
        new(model, Microsoft.Extensions.Options.Options.Create(_options), NullLogger<PartProcessor>.Instance);

    private async Task<(BatchPartInput Input, ScriptedModel Model)> PlanAsync(
        IEnumerable<string> lines, int batchSize, int part, int retryLimit = 3, int? maxTokens = null)
    {
        var inputPath = _dir.Write("in.jsonl", string.Join('\n', lines) + "\n");
        var output = _dir.File("out");
        var spec = new BatchInputSpec(inputPath, BatchInputFormat.Jsonl, "id");
        var plan = await new BatchPlanner().PlanAsync(new PlanBatchInput("job", spec, batchSize, output), () => { }, CancellationToken.None);
        var task = new BatchTaskSpec(BatchTaskKind.Chat, "model", "{{text}}", null, null, maxTokens, null, null, retryLimit, 4);
        var input = new BatchPartInput("job", part, plan.FirstRowOf(part), plan.RowCountOf(part), plan.IndexPath, spec, task,
            output, null, TimeSpan.FromSeconds(10));
        return (input, new ScriptedModel());
    }

    private static string? Message(JsonElement record) => record.GetProperty("error").GetProperty("message").GetString();

    private static List<JsonElement> ReadRecords(string path) =>
        File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
}
