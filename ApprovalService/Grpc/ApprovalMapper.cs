using Agentic.Approval.V1;
using Agentic.ApprovalService.Audit;
using Agentic.ApprovalService.Workflows;
using Google.Protobuf.WellKnownTypes;
using V1 = Agentic.Approval.V1;

namespace Agentic.ApprovalService.Grpc;

/// <summary>Workflow records to protobuf messages and back.</summary>
internal static class ApprovalMapper
{
    public static Proposal ToProposal(ProposalView view)
    {
        var proposal = new Proposal
        {
            Project = view.Project,
            UniqueId = view.Node.UniqueId,
            Name = view.Node.Name,
            ResourceType = view.Node.ResourceType,
            OwnerGroup = view.Node.OwnerGroup,
            State = ToState(view.Status),
            Version = view.Version,
            Stale = view.Stale,
            Model = view.Draft.Model,
            PromptVersion = view.Draft.PromptVersion,
            PromptTokens = view.Draft.PromptTokens,
            CompletionTokens = view.Draft.CompletionTokens,
            OpenedAt = Timestamp.FromDateTime(Utc(view.OpenedAt)),
            Reminded = view.RemindedAt is not null,
            Escalated = view.EscalatedAt is not null,
            PullRequestUrl = view.PullRequestUrl ?? string.Empty,
            FilePath = view.Node.PropertiesFile ?? view.Node.SqlPath ?? string.Empty,
        };
        proposal.ContextNotes.AddRange(view.Draft.ContextNotes);
        proposal.Items.AddRange(view.Items.Select(item => new V1.ProposalItem
        {
            Column = item.Key,
            DataType = item.DataType ?? string.Empty,
            CurrentText = item.CurrentText,
            DraftText = item.DraftText,
            Origin = item.Origin switch
            {
                DescriptionOrigin.Llm => DraftOrigin.Llm,
                DescriptionOrigin.Inherited => DraftOrigin.Inherited,
                _ => DraftOrigin.Unspecified,
            },
            InheritedFrom = item.InheritedFrom ?? string.Empty,
            State = (ItemState)(int)item.Status,
            Decision = (DecisionKind)(int)item.Decision,
            FinalText = item.FinalText ?? string.Empty,
            Reviewer = item.Reviewer ?? string.Empty,
            Reason = item.Reason ?? string.Empty,
            DecidedAt = item.DecidedAt is { } at ? Timestamp.FromDateTime(Utc(at)) : null,
        }));
        return proposal;
    }

    public static V1.ProposalSummary ToSummary(Workflows.ProposalSummary summary) => new()
    {
        Project = summary.Project,
        UniqueId = summary.UniqueId,
        Name = summary.Name,
        ResourceType = summary.ResourceType,
        OwnerGroup = summary.OwnerGroup,
        State = ToState(summary.Status),
        PendingItems = summary.PendingItems,
        Stale = summary.Stale,
        Version = summary.Version,
    };

    public static ProposalState ToState(ProposalStatus status) => (ProposalState)(int)status;

    public static AuditEntry ToEntry(AuditRecord record) => new()
    {
        Id = record.Id,
        Project = record.Project,
        UniqueId = record.UniqueId,
        Column = record.Column ?? string.Empty,
        Kind = record.Kind,
        LlmOriginal = record.LlmOriginal ?? string.Empty,
        FinalText = record.FinalText ?? string.Empty,
        Decision = record.Decision switch
        {
            "approve" => DecisionKind.Approve,
            "edit" => DecisionKind.Edit,
            "reject" => DecisionKind.Reject,
            _ => DecisionKind.Unspecified,
        },
        Reviewer = record.Reviewer ?? string.Empty,
        At = Timestamp.FromDateTime(Utc(record.At)),
        PullRequestUrl = record.PullRequestUrl ?? string.Empty,
        MergeCommit = record.MergeCommit ?? string.Empty,
        MergedAt = record.MergedAt is { } merged ? Timestamp.FromDateTime(Utc(merged)) : null,
        Model = record.Model ?? string.Empty,
        PromptVersion = record.PromptVersion ?? string.Empty,
        Reason = record.Reason ?? string.Empty,
    };

    private static DateTime Utc(DateTime at) => at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc);
}
