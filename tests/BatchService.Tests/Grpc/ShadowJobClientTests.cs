using Agentic.BatchService.Grpc;

namespace Agentic.BatchService.Tests.Grpc;

public class ShadowJobClientTests
{
    [Theory]
    [InlineData("shadow-support-1", "support-1")]
    [InlineData("shadow-support-1/jury", "support-1")]
    [InlineData("shadow-support-1/jury-12", "support-1")]
    public void JobIdOf_ComparisonOrChildWorkflowId_TheJob(string workflowId, string jobId) =>
        Assert.Equal(jobId, ShadowJobClient.JobIdOf(workflowId));

    [Theory]
    [InlineData("batch-job-1")]
    [InlineData("eval-turn/x")]
    public void JobIdOf_OtherWorkflowId_Null(string workflowId) =>
        Assert.Null(ShadowJobClient.JobIdOf(workflowId));

    [Fact]
    public void JobIdOf_WorkflowIdOfAComparison_RoundTrips() =>
        Assert.Equal("job-7", ShadowJobClient.JobIdOf(ShadowJobClient.WorkflowId("job-7")));
}
