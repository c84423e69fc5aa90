using Agentic.BatchService.Activities;
using Agentic.BatchService.Input;
using Agentic.BatchService.Workflows;
using Temporalio.Exceptions;

namespace Agentic.BatchService.Tests.Activities;

public class BatchPlannerTests
{
    [Fact]
    public async Task PlanAsync_CsvWithHeader_CountsRowsAndIndexesEachBatchStart()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.csv", "id,text\n" + string.Join('\n', Enumerable.Range(0, 25).Select(i => $"{i},\"t,{i}\"")) + "\n");

        var plan = await new BatchPlanner().PlanAsync(
            new PlanBatchInput("j", new BatchInputSpec(path, BatchInputFormat.Csv, "id"), 10, dir.File("out")), () => { }, CancellationToken.None);

        Assert.Equal(25, plan.TotalRows);
        Assert.Equal(3, plan.PartCount);
        Assert.Equal(5, plan.RowCountOf(2));
        var offsets = File.ReadAllBytes(plan.IndexPath).Chunk(8).Select(b => BitConverter.ToInt64(b)).ToList();
        using var reader = new InputRecordReader(path, BatchInputFormat.Csv, offsets[2]);
        Assert.True(reader.TryRead(out _, out var first));
        Assert.Equal("20,\"t,20\"", first);
    }

    [Fact]
    public async Task PlanAsync_MissingInput_FailsNonRetryably()
    {
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<ApplicationFailureException>(() => new BatchPlanner().PlanAsync(
            new PlanBatchInput("j", new BatchInputSpec(dir.File("nope.jsonl"), BatchInputFormat.Jsonl, "id"), 10, dir.File("out")),
            () => { },
            CancellationToken.None));

        Assert.True(error.NonRetryable);
    }

    [Fact]
    public async Task PlanAsync_RepeatedRowIds_FailsNamingThemAndTheirLines()
    {
        using var dir = new TempDirectory();
        var rows = Enumerable.Range(0, 50).Select(i => $"{{\"id\":\"r{(i is 30 ? 3 : i is 41 or 45 ? 7 : i)}\",\"text\":\"t\"}}");
        var path = dir.Write("in.jsonl", string.Join('\n', rows) + "\n");

        var error = await Assert.ThrowsAsync<ApplicationFailureException>(() => new BatchPlanner().PlanAsync(
            new PlanBatchInput("j", new BatchInputSpec(path, BatchInputFormat.Jsonl, "id"), 10, dir.File("out")), () => { }, CancellationToken.None));

        Assert.True(error.NonRetryable);
        Assert.StartsWith("row ids repeat: 'r3' on lines 4, 31; 'r7' on lines 8, 42, 46.", error.Message, StringComparison.Ordinal);
        Assert.Contains("input.allow_duplicate_row_ids", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_RepeatedRowIdsAllowed_Plans()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("in.csv", "id,text\na,1\na,2\n");

        var plan = await new BatchPlanner().PlanAsync(
            new PlanBatchInput("j", new BatchInputSpec(path, BatchInputFormat.Csv, "id", AllowDuplicateRowIds: true), 10, dir.File("out")),
            () => { },
            CancellationToken.None);

        Assert.Equal(2, plan.TotalRows);
    }

    [Fact]
    public async Task PlanAsync_DirectoryAsInput_SaysItIsADirectory()
    {
        using var dir = new TempDirectory();

        var error = await Assert.ThrowsAsync<ApplicationFailureException>(() => new BatchPlanner().PlanAsync(
            new PlanBatchInput("j", new BatchInputSpec(dir.Path, BatchInputFormat.Jsonl, "id"), 10, dir.File("out")), () => { }, CancellationToken.None));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }
}
