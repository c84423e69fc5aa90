using Agentic.ApprovalService.Audit;
using Agentic.ApprovalService.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.ApprovalService.Pages;

/// <summary>A project's open pull request (from its workflow) and the merged ones (from the audit).</summary>
public sealed class PullRequestsModel(ITemporalClient temporal, AuditStore audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Project { get; set; } = string.Empty;

    public PullRequestRef? Open { get; private set; }

    public int Waiting { get; private set; }

    public IReadOnlyList<(string Url, string Commit, DateTime At, int Changes)> Merged { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var handle = temporal.GetWorkflowHandle<PullRequestWorkflow>(PullRequestWorkflow.WorkflowId(Project));
        try
        {
            Open = await handle.QueryAsync(workflow => workflow.OpenPullRequest);
            Waiting = await handle.QueryAsync(workflow => workflow.WaitingChanges);
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            // No change was ever approved in this project.
        }

        var rows = await audit.ReadAsync(Project, null, 5000, HttpContext.RequestAborted);
        Merged = rows.Where(row => row.Kind == "shipped" && row.PullRequestUrl is not null)
            .GroupBy(row => (row.PullRequestUrl!, row.MergeCommit ?? string.Empty))
            .Select(group => (group.Key.Item1, group.Key.Item2, group.Max(row => row.MergedAt ?? row.At), group.Count()))
            .OrderByDescending(merged => merged.Item3)
            .ToList();
    }
}
