using Agentic.Approval.V1;
using Agentic.ApprovalService.Audit;
using Agentic.ApprovalService.ReadModel;
using Agentic.ApprovalService.Workflows;
using Grpc.Core;

namespace Agentic.ApprovalService.Grpc;

/// <summary>The gRPC face of the approval service; proposals live in their workflows, the audit in PostgreSQL.</summary>
internal sealed class ApprovalGrpcService(
    ManifestImporter importer, ProposalClient proposals, ProposalStore store, ReviewerDirectory reviewers, AuditStore audit)
    : Approval.V1.ApprovalService.ApprovalServiceBase
{
    public override Task<ImportManifestResponse> ImportManifest(ImportManifestRequest request, ServerCallContext context) =>
        importer.ImportAsync(request, context.CancellationToken);

    public override async Task<ListProposalsResponse> ListProposals(ListProposalsRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
        {
            throw ApprovalErrors.Invalid("page_size", "must be between 0 and 1000");
        }

        var states = request.States.Select(state => (ProposalStatus)(int)state).ToList();
        var list = await store.SearchAsync(
            new ProposalQuery(
                request.Text, request.Project, request.OwnerGroup.Length == 0 ? null : [request.OwnerGroup], states, request.PageSize == 0 ? 100 : request.PageSize),
            context.CancellationToken);
        var response = new ListProposalsResponse();
        response.Proposals.AddRange(list.Select(record => ApprovalMapper.ToSummary(record.Summary)));
        return response;
    }

    public override async Task<Proposal> GetProposal(GetProposalRequest request, ServerCallContext context)
    {
        Require(request.Project, "project");
        Require(request.UniqueId, "unique_id");
        var view = await proposals.GetAsync(request.Project, request.UniqueId, context.CancellationToken)
            ?? throw ApprovalErrors.NotFound(request.Project, request.UniqueId);
        return ApprovalMapper.ToProposal(view);
    }

    public override async Task<Proposal> Decide(DecideRequest request, ServerCallContext context)
    {
        Require(request.Project, "project");
        Require(request.UniqueId, "unique_id");
        var reviewer = Reviewer(request.Reviewer);
        for (var i = 0; i < request.Decisions.Count; i++)
        {
            if (request.Decisions[i].Kind == DecisionKind.Unspecified)
            {
                throw ApprovalErrors.Invalid($"decisions[{i}].kind", "is required");
            }
        }

        var update = new DecideUpdate(
            reviewer,
            request.ExpectedVersion,
            request.Decisions.Select(d => new ItemDecisionInput(
                d.Column.Length == 0 ? null : d.Column, (ReviewDecision)(int)d.Kind, NullIfEmpty(d.Text), NullIfEmpty(d.Reason))).ToList(),
            request.ApproveAll);
        var (view, refusal) = await proposals.DecideAsync(request.Project, request.UniqueId, update, context.CancellationToken);
        return Answer(request.Project, request.UniqueId, view, refusal);
    }

    public override async Task<Proposal> Regenerate(RegenerateRequest request, ServerCallContext context)
    {
        Require(request.Project, "project");
        Require(request.UniqueId, "unique_id");
        var update = new RegenerateUpdate(Reviewer(request.Reviewer), request.ExpectedVersion, request.Feedback.Trim());
        var (view, refusal) = await proposals.RegenerateAsync(request.Project, request.UniqueId, update, context.CancellationToken);
        return Answer(request.Project, request.UniqueId, view, refusal);
    }

    public override async Task<GetAuditResponse> GetAudit(GetAuditRequest request, ServerCallContext context)
    {
        Require(request.Project, "project");
        if (request.Limit is < 0 or > 5000)
        {
            throw ApprovalErrors.Invalid("limit", "must be between 0 and 5000");
        }

        var rows = await audit.ReadAsync(
            request.Project, NullIfEmpty(request.UniqueId), request.Limit == 0 ? 200 : request.Limit, context.CancellationToken);
        var response = new GetAuditResponse();
        response.Entries.AddRange(rows.Select(ApprovalMapper.ToEntry));
        return response;
    }

    private static Proposal Answer(string project, string uniqueId, ProposalView? view, DecisionRefusal? refusal) =>
        refusal is not null ? throw ApprovalErrors.Refused(refusal)
        : view is null ? throw ApprovalErrors.NotFound(project, uniqueId)
        : ApprovalMapper.ToProposal(view);

    private Workflows.Reviewer Reviewer(string name)
    {
        Require(name, "reviewer");
        return reviewers.Find(name.Trim())
            ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"reviewer '{name}' is not a known user"));
    }

    private static void Require(string value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ApprovalErrors.Invalid(field, "is required");
        }
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
