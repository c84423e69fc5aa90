using Agentic.ApprovalService.ReadModel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.ApprovalService.Pages;

/// <summary>Search proposals by node name, unique id or text (the read model's trigram index).</summary>
public sealed class IndexModel(ProposalStore store) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Project { get; set; }

    public IReadOnlyList<ProposalRecord> Results { get; private set; } = [];

    public async Task OnGetAsync() =>
        Results = await store.SearchAsync(new ProposalQuery(Q ?? string.Empty, Project ?? string.Empty, null, [], 200), HttpContext.RequestAborted);
}
