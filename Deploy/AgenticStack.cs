using Amazon.CDK;
using Constructs;

namespace Agentic.Deploy;

/// <summary>The whole system on ECS: platform, gateway, database and one <see cref="TemporalWorkerService"/> per worker.</summary>
public sealed class AgenticStack : Stack
{
    public AgenticStack(Construct scope, string id, DeploySettings settings, IStackProps? props = null)
        : base(scope, id, props)
    {
        Platform = new AgenticPlatform(this, settings);
        Gateway = new LlmGatewayService(this, "Gateway");
        Database = new PostgresDatabase(this, "Database");

        Batch = new TemporalWorkerService(this, "Batch", new() { Service = "batch-service", TaskQueue = "batch-service", Cpu = 1024, MemoryMiB = 2048, UsesGateway = true });
        Platform.Dashboard.AddWidgets(BatchDashboardRow.Widgets(Batch.Props.Service));
        Eval = new TemporalWorkerService(this, "Eval", new() { Service = "eval-service", TaskQueue = "eval-service", UsesGateway = true, Database = "evaldb" });
        Platform.Dashboard.AddWidgets(EvalDashboardRow.Widgets(Eval.Props.Service));
        Approval = new TemporalWorkerService(this, "Approval", new() { Service = "approval-service", TaskQueue = "approval-service", Database = "approvaldb" });
        Platform.Dashboard.AddWidgets(ApprovalDashboardRow.Widgets(Approval.Props.Service));
    }

    public AgenticPlatform Platform { get; }

    public LlmGatewayService Gateway { get; }

    public PostgresDatabase Database { get; }

    public TemporalWorkerService Batch { get; }

    public TemporalWorkerService Eval { get; }

    public TemporalWorkerService Approval { get; }
}
