using Agentic.LlmGateway.Protocol;

namespace Agentic.BatchService.Workflows;

/// <summary>
/// Input of <see cref="BatchJobWorkflow"/>. <see cref="Carry"/> is null on the first run and holds the
/// state handed over by continue-as-new afterwards. <see cref="FailurePolicy"/> is null in jobs started
/// before it existed, which then run to the end as they always did. <see cref="ResultSink"/> names a configured
/// PostgreSQL sink (never a connection string: no secret travels in a workflow input). <see cref="Price"/> is the gateway's price for
/// the model when the job started (null without one); <see cref="CostBudget"/> (US dollars) needs it.
/// </summary>
public record BatchJobInput(
    string JobId,
    BatchInputSpec Input,
    BatchTaskSpec Task,
    int BatchSize,
    int MaxConcurrentBatches,
    long? TokenBudget,
    string OutputLocation,
    int BatchesPerRun,
    TimeSpan PartHeartbeatTimeout,
    BatchJobCarry? Carry = null,
    BatchFailurePolicy? FailurePolicy = null,
    BatchOutputFormat OutputFormat = BatchOutputFormat.Jsonl,
    string? ResultSink = null,
    decimal? CostBudget = null,
    TokenPrice? Price = null);
