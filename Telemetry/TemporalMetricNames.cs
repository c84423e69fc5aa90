namespace Agentic.Telemetry;

/// <summary>
/// Metrics the Temporal SDK's core emits for every worker and client, under the SDK's own names (prefix
/// <c>temporal_</c>). Durations are histograms in milliseconds.
/// </summary>
public static class TemporalMetricNames
{
    public const string WorkflowCompleted = "temporal_workflow_completed";
    public const string WorkflowFailed = "temporal_workflow_failed";
    public const string WorkflowEndToEndLatency = "temporal_workflow_endtoend_latency";
    public const string WorkflowTaskScheduleToStartLatency = "temporal_workflow_task_schedule_to_start_latency";
    public const string WorkflowTaskExecutionLatency = "temporal_workflow_task_execution_latency";
    public const string WorkflowTaskExecutionFailed = "temporal_workflow_task_execution_failed";
    public const string WorkflowTaskPollSucceeded = "temporal_workflow_task_queue_poll_succeed";
    public const string ActivityScheduleToStartLatency = "temporal_activity_schedule_to_start_latency";
    public const string ActivityExecutionLatency = "temporal_activity_execution_latency";
    public const string ActivityExecutionFailed = "temporal_activity_execution_failed";
    public const string ActivityPollNoTask = "temporal_activity_poll_no_task";
    public const string WorkerTaskSlotsAvailable = "temporal_worker_task_slots_available";
    public const string WorkerTaskSlotsUsed = "temporal_worker_task_slots_used";
    public const string NumPollers = "temporal_num_pollers";
    public const string StickyCacheSize = "temporal_sticky_cache_size";
    public const string StickyCacheHit = "temporal_sticky_cache_hit";
    public const string StickyCacheMiss = "temporal_sticky_cache_miss";
    public const string Request = "temporal_request";
    public const string RequestFailure = "temporal_request_failure";
    public const string RequestLatency = "temporal_request_latency";

    /// <summary>Every name above: what dashboards may chart. A WorkerDefaults test checks the SDK publishes each.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        WorkflowCompleted, WorkflowFailed, WorkflowEndToEndLatency, WorkflowTaskScheduleToStartLatency,
        WorkflowTaskExecutionLatency, WorkflowTaskExecutionFailed, WorkflowTaskPollSucceeded,
        ActivityScheduleToStartLatency, ActivityExecutionLatency, ActivityExecutionFailed, ActivityPollNoTask,
        WorkerTaskSlotsAvailable, WorkerTaskSlotsUsed, NumPollers, StickyCacheSize, StickyCacheHit, StickyCacheMiss,
        Request, RequestFailure, RequestLatency,
    ];
}
