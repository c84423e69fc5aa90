using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Portal;
using Agentic.ApprovalService.ReadModel;
using Agentic.ApprovalService.Workflows;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.ApprovalService.Pages;

/// <summary>Open proposals the signed-in person may decide (every one for an admin), escalations first, and the groups' notifications.</summary>
public sealed class QueueModel(ProposalStore store, ReviewerDirectory reviewers) : PageModel
{
    public IReadOnlyList<string> Groups { get; private set; } = [];

    public IReadOnlyList<ProposalRecord> Results { get; private set; } = [];

    public IReadOnlyList<NotificationRecord> Notifications { get; private set; } = [];

    public int Escalated => Results.Count(record => record.EscalatedAt is not null);

    public async Task OnGetAsync()
    {
        var reviewer = PortalUser.Reviewer(User, reviewers);
        Groups = reviewer.Groups;
        var groups = reviewer.IsAdmin ? null : reviewer.Groups;
        var open = await store.SearchAsync(new ProposalQuery(string.Empty, string.Empty, groups, [ProposalStatus.Open], 500), HttpContext.RequestAborted);
        Results = open.OrderByDescending(record => record.EscalatedAt is not null).ToList();
        Notifications = await store.NotificationsAsync(groups, 50, HttpContext.RequestAborted);
    }
}
