using Agentic.EvalService.Reports;
using Agentic.EvalService.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Agentic.EvalService.Pages.Reports;

public sealed class IndexModel(ReportQueries queries) : PageModel
{
    public IReadOnlyList<StoredRun> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ReportHeaders.Apply(Response);
        Runs = await queries.RecentRunsAsync(cancellationToken);
    }
}
