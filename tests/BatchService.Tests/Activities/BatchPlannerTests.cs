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
}
