using Agentic.Batch.V1;
using Grpc.Core;

namespace Agentic.BatchService.Tests.Grpc;

public sealed class BatchGrpcServiceValidationTests(GrpcOnlyHost host) : IClassFixture<GrpcOnlyHost>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public static TheoryData<string, string> BrokenFields => new()
    {
        { "job_id", "bad id!" },
        { "job_id", "" },
        { "input", "" },
        { "input.location", "" },
        { "input.location", "s3://bucket/rows.jsonl" },
        { "input.format", "rows.txt" },
        { "input.row_id_column", "" },
        { "task", "" },
        { "task.kind", "" },
        { "task.prompt_template", "" },
        { "task.prompt_template", "Hello {{name" },
        { "task.json_schema", "{not json" },
        { "task.json_schema", "[1]" },
        { "task.json_schema", "embedding" },
        { "task.json_schema", "structured" },
        { "task.output_attempts", "0" },
        { "task.output_attempts", "11" },
        { "task.output_attempts", "chat" },
        { "input.columns", "jsonl" },
        { "input.columns", "parquet-missing" },
        { "input.row_id_column", "parquet-missing" },
        { "task.prompt_template", "parquet-missing" },
        { "output_format", "9" },
        { "result_sink", "warehouse" },
        { "task.max_tokens", "0" },
        { "task.temperature", "3" },
        { "model", "" },
        { "batch_size", "-1" },
        { "batch_size", "100000000" },
        { "max_concurrent_batches", "-3" },
        { "row_concurrency", "-1" },
        { "row_retry_limit", "-1" },
        { "token_budget", "0" },
        { "cost_budget_usd", "0" },
        { "cost_budget_usd", "-2" },
        { "cost_budget_usd", "NaN" },
        { "output_location", "" },
        { "output_location", "file" },
        { "input.location", "/etc/hostname" },
        { "output_location", "/var/tmp/elsewhere" },
        { "output_location", "rel-out" },
        { "output_location", "./out" },
        { "input.location", "rows.jsonl" },
        { "input.location", "directory" },
    };

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public async Task StartBatch_InvalidField_AnswersInvalidArgumentNamingIt(string field, string value)
    {
        var request = ValidRequest();
        Break(request, field, value);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBatch_DirectoryAsInput_SaysItIsADirectory()
    {
        var request = ValidRequest();
        request.Input.Location = _dir.Path;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("is a directory", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBatch_RelativeOutputLocation_IsRefusedAndNothingIsWritten()
    {
        var request = ValidRequest();
        request.OutputLocation = "rel-out-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("absolute", error.Status.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetFullPath(request.OutputLocation)));
    }

    [Fact]
    public async Task StartBatch_MissingInputFile_AnswersNotFound()
    {
        var request = ValidRequest();
        request.Input.Location = _dir.File("missing.jsonl");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.StartsWith("input.location:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBatch_CsvWithoutRowIdColumn_AnswersInvalidArgument()
    {
        var request = ValidRequest();
        request.Input.Location = _dir.Write("rows.csv", "key,text\n1,hello\n");
        request.Input.Format = InputFormat.Csv;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("input.row_id_column:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBatch_TemplatePlaceholderNotInCsvHeader_AnswersInvalidArgumentNamingIt()
    {
        var request = ValidRequest();
        request.Input.Location = _dir.Write("rows.csv", "id,text\n1,hello\n");
        request.Input.Format = InputFormat.Csv;
        request.Task.PromptTemplate = "Say {{text}} to {{name}}";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("task.prompt_template: placeholder '{{name}}' is not a column", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartBatch_StructuredTaskWithBrokenSchemaKeyword_AnswersInvalidArgumentNamingTheSchemaPath()
    {
        var request = ValidRequest();
        request.Task.Kind = TaskKind.Structured;
        request.Task.JsonSchema = """{"type":"object","properties":{"score":{"type":"integr"}},"required":["score"]}""";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await host.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("task.json_schema: /properties/score/type: ", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("cancel")]
    public async Task JobCalls_EmptyJobId_AnswerInvalidArgument(string call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (call == "get")
            {
                await host.Client.GetBatchAsync(new GetBatchRequest());
            }
            else
            {
                await host.Client.CancelBatchAsync(new CancelBatchRequest());
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("job_id:", error.Status.Detail, StringComparison.Ordinal);
    }

    private StartBatchRequest ValidRequest() => new()
    {
        JobId = "job-1",
        Input = new BatchInput { Location = _dir.Write("rows.jsonl", "{\"id\":1,\"text\":\"a\"}\n"), Format = InputFormat.Jsonl, RowIdColumn = "id" },
        Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Say {{text}}" },
        Model = "sim-chat",
        OutputLocation = _dir.File("out"),
    };

    private void UseParquet(StartBatchRequest request)
    {
        var path = _dir.File("in.parquet");
        File.Copy(Input.ParquetFiles.Foreign, path, overwrite: true);
        request.Input.Location = path;
        request.Input.Format = InputFormat.Parquet;
    }

    private void Break(StartBatchRequest request, string field, string value)
    {
        switch (field)
        {
            case "job_id": request.JobId = value; break;
            case "input": request.Input = null; break;
            case "input.location" when value == "directory": request.Input.Location = _dir.Path; break;
            case "input.location": request.Input.Location = value; break;
            case "input.format":
                request.Input.Format = InputFormat.Unspecified;
                request.Input.Location = _dir.Write(value, "{}\n");
                break;
            case "input.columns" when value == "jsonl": request.Input.Columns.Add("text"); break;
            case "input.columns":
                UseParquet(request);
                request.Input.Columns.Add("meta.missing");
                break;
            case "input.row_id_column" when value == "parquet-missing":
                UseParquet(request);
                request.Input.RowIdColumn = "key";
                break;
            case "task.prompt_template" when value == "parquet-missing":
                UseParquet(request);
                request.Input.Columns.Add("text");
                request.Task.PromptTemplate = "{{text}} in {{meta.lang}}";
                break;
            case "output_format": request.OutputFormat = (OutputFormat)int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "result_sink": request.ResultSink = value; break;
            case "input.row_id_column": request.Input.RowIdColumn = value; break;
            case "task": request.Task = null; break;
            case "task.kind": request.Task.Kind = TaskKind.Unspecified; break;
            case "task.prompt_template": request.Task.PromptTemplate = value; break;
            case "task.json_schema" when value == "embedding":
                request.Task.Kind = TaskKind.Embedding;
                request.Task.JsonSchema = "{}";
                break;
            case "task.json_schema" when value == "structured": request.Task.Kind = TaskKind.Structured; break;
            case "task.json_schema": request.Task.JsonSchema = value; break;
            case "task.output_attempts" when value == "chat": request.Task.OutputAttempts = 2; break;
            case "task.output_attempts":
                request.Task.Kind = TaskKind.Structured;
                request.Task.JsonSchema = """{"type":"object"}""";
                request.Task.OutputAttempts = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case "task.max_tokens": request.Task.MaxTokens = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "task.temperature": request.Task.Temperature = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "model": request.Model = value; break;
            case "batch_size": request.BatchSize = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "max_concurrent_batches": request.MaxConcurrentBatches = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "row_concurrency": request.RowConcurrency = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "row_retry_limit": request.RowRetryLimit = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "token_budget": request.TokenBudget = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "cost_budget_usd": request.CostBudgetUsd = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "output_location" when value == "file": request.OutputLocation = _dir.Write("a-file", "x"); break;
            case "output_location": request.OutputLocation = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}
