using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Portal;
using Agentic.ApprovalService.Workflows;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.ApprovalService.Pages;

/// <summary>Open proposals the signed-in person may decide (every one for an admin).</summary>
public sealed class QueueModel(ProposalClient proposals, ReviewerDirectory reviewers) : PageModel
{
    public IReadOnlyList<string> Groups { get; private set; } = [];

    public IReadOnlyList<ProposalSummary> Results { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var reviewer = PortalUser.Reviewer(User, reviewers);
        Groups = reviewer.Groups;
        Results = await proposals.ListAsync(
            summary => summary.Status == ProposalStatus.Open
                && (reviewer.IsAdmin || reviewer.Groups.Contains(summary.OwnerGroup, StringComparer.OrdinalIgnoreCase)),
            500,
            HttpContext.RequestAborted);
    }
}
