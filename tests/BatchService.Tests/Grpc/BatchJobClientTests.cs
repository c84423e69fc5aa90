using Agentic.BatchService.Grpc;

namespace Agentic.BatchService.Tests.Grpc;

public class BatchJobClientTests
{
    [Theory]
    [InlineData("batch-job-1", "job-1")]
    [InlineData("batch-job-1/part-000003", "job-1")]
    [InlineData("batch-a/b/part-000000", "a/b")]
    public void JobIdOf_JobOrPartWorkflowId_TheJob(string workflowId, string jobId) =>
        Assert.Equal(jobId, BatchJobClient.JobIdOf(workflowId));

    [Theory]
    [InlineData("eval-turn/x")]
    [InlineData("probe-batch-service-1")]
    public void JobIdOf_OtherWorkflowId_Null(string workflowId) =>
        Assert.Null(BatchJobClient.JobIdOf(workflowId));

    [Fact]
    public void JobIdOf_WorkflowIdOfAJob_RoundTrips() =>
        Assert.Equal("job-7", BatchJobClient.JobIdOf(BatchJobClient.WorkflowId("job-7")));
}
