using Agentic.Emulator.Tests.Common;
using Agentic.Testing;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Agentic.Emulator.Tests.Visibility;

/// <summary>
/// Five workflows share a batch token (the Text attribute) that scopes every query; they differ in
/// colour (Keyword), number 1..5 (Int) and status (1-3 completed, 4-5 running).
/// </summary>
public class VisibilityTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private static readonly string[] Colours = ["red", "green", "blue", "red", "green"];
    private readonly ITemporalClient _client = fixture.Client;
    private readonly string _taskQueue = Unique.TaskQueue();
    private readonly string _batch = $"batch{Guid.NewGuid():N}";
    private readonly List<WorkflowHandle<VisibilityWorkflow, VisibilityOutput>> _handles = [];
    private readonly List<DateTime> _startTimes = [];

    private string Scope => $"EmuText = '{_batch}'";

    private string Id(int number) => _handles[number - 1].Id;

    public async Task InitializeAsync()
    {
        using var worker = new TemporalWorker(_client, new TemporalWorkerOptions(_taskQueue).AddWorkflow<VisibilityWorkflow>());
        await worker.ExecuteAsync(async () =>
        {
            for (var n = 1; n <= 5; n++)
            {
                var attributes = new SearchAttributeCollection.Builder()
                    .Set(TestSearchAttributes.Text, _batch)
                    .Set(TestSearchAttributes.Keyword, Colours[n - 1])
                    .Set(TestSearchAttributes.Number, n)
                    .ToSearchAttributeCollection();
                var handle = await _client.StartWorkflowAsync(
                    (VisibilityWorkflow wf) => wf.RunAsync(new VisibilityInput(WaitForRelease: n > 3)),
                    new WorkflowOptions(Unique.WorkflowId($"vis{n}"), _taskQueue) { TypedSearchAttributes = attributes, Memo = new Dictionary<string, object> { ["n"] = n } });
                _handles.Add(handle);
                var started = (await handle.DescribeAsync()).StartTime;
                _startTimes.Add(started);
                if (n <= 3)
                {
                    await handle.GetResultAsync().WithDeadline();
                }

                // Strictly increasing start times make StartTime comparisons and ordering unambiguous.
                await Poll.UntilAsync(() => DateTime.UtcNow > started.AddMilliseconds(5), Deadlines.Result);
            }
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var handle in _handles.Skip(3))
        {
            if ((await handle.DescribeAsync()).Status == WorkflowExecutionStatus.Running)
            {
                await handle.TerminateAsync("test over");
            }
        }
    }

    private async Task<List<string>> ListIdsAsync(string query)
    {
        var ids = new List<string>();
        await foreach (var execution in _client.ListWorkflowsAsync(query))
        {
            ids.Add(execution.Id);
        }

        return ids;
    }

    private async Task AssertListAsync(string where, params int[] expected)
    {
        var query = $"{Scope} AND {where}";
        var ids = await ListIdsAsync(query);
        Assert.True(
            expected.Select(Id).Order().SequenceEqual(ids.Order()),
            $"{where}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", ids.Select(i => _handles.FindIndex(h => h.Id == i) + 1))}]");
        Assert.Equal(expected.Length, (await _client.CountWorkflowsAsync(query)).Count);
    }

    [Fact]
    public async Task List_KeywordEqualsAndNotEquals_Filters()
    {
        await AssertListAsync("EmuKeyword = 'red'", 1, 4);
        await AssertListAsync("EmuKeyword != 'red'", 2, 3, 5);
    }

    [Fact]
    public async Task List_IntComparisons_Filter()
    {
        await AssertListAsync("EmuNumber > 3", 4, 5);
        await AssertListAsync("EmuNumber < 2", 1);
        await AssertListAsync("EmuNumber = 3", 3);
        await AssertListAsync("EmuNumber != 3", 1, 2, 4, 5);
    }

    [Fact]
    public async Task List_InAndOr_Combine()
    {
        await AssertListAsync("EmuKeyword IN ('red', 'blue')", 1, 3, 4);
        await AssertListAsync("(EmuKeyword = 'blue' OR EmuNumber = 5)", 3, 5);
        await AssertListAsync("EmuKeyword = 'green' AND EmuNumber > 2", 5);
    }

    [Fact]
    public async Task List_SystemAttributes_Filter()
    {
        await AssertListAsync("ExecutionStatus = 'Running'", 4, 5);
        await AssertListAsync("ExecutionStatus = 'Completed'", 1, 2, 3);
        await AssertListAsync("WorkflowType = 'VisibilityWorkflow'", 1, 2, 3, 4, 5);
        await AssertListAsync($"WorkflowId = '{Id(3)}'", 3);
        await AssertListAsync($"StartTime > '{_startTimes[1]:yyyy-MM-ddTHH:mm:ss.fffffffZ}'", 3, 4, 5);
        await AssertListAsync($"StartTime < '{_startTimes[1]:yyyy-MM-ddTHH:mm:ss.fffffffZ}'", 1);
    }

    [Fact]
    public async Task List_OrderBy_SortsResults()
    {
        var byNumber = await ListIdsAsync($"{Scope} ORDER BY EmuNumber DESC");
        var byStart = await ListIdsAsync($"{Scope} ORDER BY StartTime ASC");

        Assert.Equal([5, 4, 3, 2, 1], byNumber.Select(i => _handles.FindIndex(h => h.Id == i) + 1));
        Assert.Equal([1, 2, 3, 4, 5], byStart.Select(i => _handles.FindIndex(h => h.Id == i) + 1));
    }

    [Fact]
    public async Task List_Executions_CarryStatusAttributesAndMemo()
    {
        var executions = new List<WorkflowExecution>();
        await foreach (var execution in _client.ListWorkflowsAsync($"{Scope} AND EmuNumber = 4"))
        {
            executions.Add(execution);
        }

        var only = Assert.Single(executions);
        Assert.Equal(Id(4), only.Id);
        Assert.Equal(WorkflowExecutionStatus.Running, only.Status);
        Assert.Equal(nameof(VisibilityWorkflow), only.WorkflowType);
        Assert.Equal(_taskQueue, only.TaskQueue);
        Assert.Equal("red", only.TypedSearchAttributes.Get(TestSearchAttributes.Keyword));
        Assert.Equal(4, only.TypedSearchAttributes.Get(TestSearchAttributes.Number));
        Assert.Equal(4, await only.Memo["n"].ToValueAsync<int>());
    }

    [Fact]
    public async Task Count_WholeBatchAndStatusChange_Tracks()
    {
        Assert.Equal(5, (await _client.CountWorkflowsAsync(Scope)).Count);

        await _handles[3].TerminateAsync("counted");

        await AssertListAsync("ExecutionStatus = 'Terminated'", 4);
        await AssertListAsync("ExecutionStatus = 'Running'", 5);
    }

    [Fact]
    public async Task ListPaginated_PageSizeTwo_WalksAllPages()
    {
        var ids = new List<string>();
        var pages = 0;
        byte[]? token = null;
        do
        {
            var page = await _client.ListWorkflowsPaginatedAsync(
                $"{Scope} ORDER BY EmuNumber ASC", token, new WorkflowListPaginatedOptions { PageSize = 2 });
            Assert.True(page.Workflows.Count <= 2, $"page of {page.Workflows.Count}");
            ids.AddRange(page.Workflows.Select(w => w.Id));
            token = page.NextPageToken;
            pages++;
        }
        while (token is { Length: > 0 } && pages < 10);

        Assert.Equal(Enumerable.Range(1, 5).Select(Id), ids);
        Assert.InRange(pages, 3, 4);
    }

    [Fact]
    public async Task Count_GroupByExecutionStatus_CountsPerStatus()
    {
        var count = await _client.CountWorkflowsAsync($"{Scope} GROUP BY ExecutionStatus");

        Assert.Equal(5, count.Count);
        var groups = count.Groups.ToDictionary(g => (string)g.GroupValues.Single(), g => g.Count);
        Assert.Equal(new Dictionary<string, long> { ["Completed"] = 3, ["Running"] = 2 }, groups);
    }

    [Fact]
    public async Task GetSearchAttributes_AfterUse_ListsSystemAndCustomWithTypes()
    {
        var response = await _client.WorkflowService.GetSearchAttributesAsync(new Temporalio.Api.WorkflowService.V1.GetSearchAttributesRequest());

        Assert.Equal(IndexedValueType.Keyword, response.Keys["WorkflowId"]);
        Assert.Equal(IndexedValueType.Datetime, response.Keys["StartTime"]);
        Assert.Equal(IndexedValueType.Keyword, response.Keys[TestSearchAttributes.Keyword.Name]);
        Assert.Equal(IndexedValueType.Int, response.Keys[TestSearchAttributes.Number.Name]);
        Assert.Equal(IndexedValueType.Text, response.Keys[TestSearchAttributes.Text.Name]);
    }

    [Fact]
    public async Task List_UnknownAttribute_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ListIdsAsync("NoSuchAttribute = 'x'"));

        Assert.Equal(RpcException.StatusCode.InvalidArgument, error.Code);
    }
}
