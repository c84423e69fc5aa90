using Agentic.ApprovalService.Telemetry;

namespace Agentic.ApprovalService.Tests.Telemetry;

public class ProposalLogScopeInterceptorTests
{
    [Theory]
    [InlineData("approval/jaffle_shop/model.jaffle_shop.stg_customers", "jaffle_shop", "model.jaffle_shop.stg_customers")]
    [InlineData("approval/team/warehouse/seed.warehouse.raw_orders", "team/warehouse", "seed.warehouse.raw_orders")]
    [InlineData("approval-pr/jaffle_shop", "jaffle_shop", null)]
    public void ScopeOf_ApprovalWorkflowId_ProjectAndNode(string workflowId, string project, string? uniqueId)
    {
        var scope = ProposalLogScopeInterceptor.ScopeOf(workflowId);

        Assert.Equal(project, scope[ProposalLogScopeInterceptor.ProjectKey]);
        Assert.Equal(uniqueId, scope.GetValueOrDefault(ProposalLogScopeInterceptor.UniqueIdKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("agentic-probe/approval-service")]
    [InlineData("approval/")]
    [InlineData("batch-job-1")]
    public void ScopeOf_OtherWorkflowId_Empty(string? workflowId) =>
        Assert.Empty(ProposalLogScopeInterceptor.ScopeOf(workflowId));
}
