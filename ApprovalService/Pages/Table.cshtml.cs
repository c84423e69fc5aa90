using Agentic.ApprovalService.Grpc;
using Agentic.ApprovalService.Portal;
using Agentic.ApprovalService.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.ApprovalService.Pages;

/// <summary>One node's proposal: current text, LLM draft, word diff and the decisions, each an update on its workflow.</summary>
public sealed class TableModel(ProposalClient proposals, ReviewerDirectory reviewers) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Project { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [TempData]
    public string? Message { get; set; }

    public ProposalView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        View = await proposals.GetAsync(Project, Id, HttpContext.RequestAborted);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(long version, string? column, string? kind, string? text, string? reason)
    {
        var decision = kind switch
        {
            "approve" => ReviewDecision.Approve,
            "edit" => ReviewDecision.Edit,
            "reject" => ReviewDecision.Reject,
            _ => ReviewDecision.None,
        };
        var update = new DecideUpdate(
            PortalUser.Reviewer(User, reviewers), version,
            [new ItemDecisionInput(string.IsNullOrEmpty(column) ? null : column, decision, text, reason)], false);
        return Done(await proposals.DecideAsync(Project, Id, update, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostApproveAllAsync(long version) =>
        Done(await proposals.DecideAsync(Project, Id, new DecideUpdate(PortalUser.Reviewer(User, reviewers), version, [], true), HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostRegenerateAsync(long version, string? feedback) =>
        Done(await proposals.RegenerateAsync(
            Project, Id, new RegenerateUpdate(PortalUser.Reviewer(User, reviewers), version, feedback?.Trim() ?? string.Empty), HttpContext.RequestAborted));

    private IActionResult Done((ProposalView? View, DecisionRefusal? Refusal) result)
    {
        if (result.Refusal is { } refusal)
        {
            Message = "Not applied: " + refusal.Message;
        }
        else if (result.View is null)
        {
            return NotFound();
        }

        return RedirectToPage(new { project = Project, id = Id });
    }
}
