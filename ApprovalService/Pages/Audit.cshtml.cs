using Agentic.ApprovalService.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.ApprovalService.Pages;

/// <summary>Decisions and shipped changes of a table (or a whole project), newest first.</summary>
public sealed class AuditModel(AuditStore audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Project { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public IReadOnlyList<AuditRecord> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await audit.ReadAsync(Project, string.IsNullOrWhiteSpace(Id) ? null : Id, 1000, HttpContext.RequestAborted);
}
