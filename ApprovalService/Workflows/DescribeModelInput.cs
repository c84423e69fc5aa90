namespace Agentic.ApprovalService.Workflows;

/// <summary>Start of a node's proposal; <see cref="Carry"/> is set when a run continues as new.</summary>
public sealed record DescribeModelInput(string Project, ProjectRepository Repository, NodeSnapshot Node, ApprovalTimings Timings, DescribeModelCarry? Carry = null);
