using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.TaskQueue.V1;

namespace Agentic.Emulator.Executions;

/// <summary>What a top-level start (client) and a child start (parent's command) have in common.</summary>
internal sealed record WorkflowStartSpec(
    string WorkflowId,
    WorkflowType WorkflowType,
    TaskQueue TaskQueue,
    Payloads? Input,
    Duration? ExecutionTimeout,
    Duration? RunTimeout,
    Duration? TaskTimeout,
    RetryPolicy? RetryPolicy,
    string CronSchedule,
    Memo? Memo,
    SearchAttributes? SearchAttributes,
    Header? Header,
    Priority? Priority);
