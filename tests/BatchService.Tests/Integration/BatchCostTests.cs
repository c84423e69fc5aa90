using System.Text.Json;
using Agentic.Batch.V1;
using Agentic.BatchService.Workflows;
using Grpc.Core;
using Temporalio.Worker;

namespace Agentic.BatchService.Tests.Integration;

/// <summary>
/// A job's cost at the gateway's price for its model (LlmGateway:Models:{model}:Price, read from the gateway's
/// GET /v1/models/{id}), in its status and manifest, and a cost budget that stops the job like the token budget.
/// </summary>
[Collection(BatchEnvironmentCollection.Name)]
public sealed class BatchCostTests(BatchEnvironment environment) : IDisposable
{
    // Dear on purpose: a thousandth of a dollar per prompt token, four per completion token.
    private const decimal InputPerMillion = 1000m;
    private const decimal OutputPerMillion = 4000m;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StartBatch_ModelWithPrice_ReportsItsCostInStatusAndManifest()
    {
        await using var gateway = await environment.StartGatewayAsync(settings: Priced());
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("cost-200", 200, batchSize: 50);

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.Completed, status.State);
        var expected = ((status.PromptTokens * InputPerMillion) + (status.CompletionTokens * OutputPerMillion)) / 1_000_000m;
        Assert.True(status.HasCostUsd);
        Assert.True(expected > 0);
        Assert.Equal((double)expected, status.CostUsd, 9);
        Assert.False(status.HasCostBudgetUsd);
        Assert.Equal(expected, OutputReader.Manifest(request.OutputLocation).GetProperty("cost_usd").GetDecimal());
    }

    [Fact]
    public async Task StartBatch_ModelWithoutPrice_ReportsNoCost()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("cost-none", 20, batchSize: 10);

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(60));

        Assert.Equal(BatchState.Completed, status.State);
        Assert.False(status.HasCostUsd);
        Assert.False(OutputReader.Manifest(request.OutputLocation).TryGetProperty("cost_usd", out _));
    }

    [Fact]
    public async Task StartBatch_CostBudget_StopsAsBudgetExhaustedWithoutOverspending()
    {
        await using var gateway = await environment.StartGatewayAsync(settings: Priced());
        await using var service = await environment.StartServiceAsync(gateway);
        var probe = Request("cost-probe", 100, batchSize: 100);
        await service.Client.StartBatchAsync(probe);
        var full = await BatchWaits.UntilTerminalAsync(service.Client, probe.JobId, TimeSpan.FromSeconds(60));
        var budget = Math.Round(full.CostUsd * 3, 6); // about 300 of 1,000 rows
        var request = Request("cost-budget-1000", 1000, batchSize: 50);
        request.CostBudgetUsd = budget;

        await service.Client.StartBatchAsync(request);
        var status = await BatchWaits.UntilTerminalAsync(service.Client, request.JobId, TimeSpan.FromSeconds(120));

        Assert.Equal(BatchState.BudgetExhausted, status.State);
        Assert.Contains("cost budget", status.Message, StringComparison.Ordinal);
        Assert.True(status.CostUsd <= budget, $"spent {status.CostUsd} of {budget}");
        Assert.Equal(budget, status.CostBudgetUsd);
        Assert.InRange(status.RowsSucceeded, 1, 999);
        Assert.Equal(0, status.RowsFailed);
        var records = OutputReader.ReadAll(request.OutputLocation);
        Assert.Equal(status.RowsSucceeded + status.RowsSkipped, records.Count);
        var manifest = OutputReader.Manifest(request.OutputLocation);
        Assert.Equal("budget_exhausted", manifest.GetProperty("status").GetString());
        Assert.True(manifest.GetProperty("cost_usd").GetDouble() <= budget);

        // The budget's workflow change is patched: its history carries the marker and replays with this code.
        var history = await environment.Emulator.Client.GetWorkflowHandle("batch-" + request.JobId).FetchHistoryAsync();
        Assert.Contains(history.Events, e => e.MarkerRecordedEventAttributes is { MarkerName: "core_patch" } marker
            && marker.Details["patch-data"].Payloads_[0].Data.ToStringUtf8().Contains(BatchJobWorkflow.CostBudgetPatch, StringComparison.Ordinal));
        var replay = await new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<BatchJobWorkflow>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);
        Assert.Null(replay.ReplayFailure);
    }

    [Fact]
    public async Task StartBatch_CostBudgetOnModelWithoutPrice_AnswersInvalidArgument()
    {
        await using var gateway = await environment.StartGatewayAsync();
        await using var service = await environment.StartServiceAsync(gateway);
        var request = Request("cost-unpriced", 5, batchSize: 5);
        request.CostBudgetUsd = 1;

        var error = await Assert.ThrowsAsync<RpcException>(async () => await service.Client.StartBatchAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("cost_budget_usd:", error.Status.Detail, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Priced() => new()
    {
        [$"LlmGateway:Models:{BatchEnvironment.ChatModel}:Price:InputPerMillion"] = InputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"LlmGateway:Models:{BatchEnvironment.ChatModel}:Price:OutputPerMillion"] = OutputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private StartBatchRequest Request(string jobId, int rows, int batchSize)
    {
        var input = _dir.Write(jobId + ".jsonl", string.Join('\n', Enumerable.Range(0, rows).Select(i => JsonSerializer.Serialize(new { id = $"r{i}", text = $"row number {i}" }))) + "\n");
        return new StartBatchRequest
        {
            JobId = jobId,
            Input = new BatchInput { Location = input, Format = InputFormat.Jsonl, RowIdColumn = "id" },
            Task = new BatchTask { Kind = TaskKind.Chat, PromptTemplate = "Summarise: {{text}}", MaxTokens = 16 },
            Model = BatchEnvironment.ChatModel,
            BatchSize = batchSize,
            MaxConcurrentBatches = 2,
            RowConcurrency = 8,
            OutputLocation = _dir.File("out-" + jobId),
        };
    }
}
