using Agentic.ApprovalService.Grpc;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.ApprovalService.Pages;

/// <summary>Search proposals by node name, unique id or text.</summary>
public sealed class IndexModel(ProposalClient proposals) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Project { get; set; }

    public IReadOnlyList<Workflows.ProposalSummary> Results { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var text = Q?.Trim() ?? string.Empty;
        var project = Project?.Trim() ?? string.Empty;
        Results = await proposals.ListAsync(
            summary => (project.Length == 0 || summary.Project == project)
                && (text.Length == 0 || summary.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || summary.UniqueId.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || summary.SearchText.Contains(text, StringComparison.OrdinalIgnoreCase)),
            200,
            HttpContext.RequestAborted);
    }
}
