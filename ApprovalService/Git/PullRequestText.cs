using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Git;

/// <summary>What every code host writes for a batch of changes: branch name, commit message, pull request title and body.</summary>
public static class PullRequestText
{
    public const string BranchPrefix = "dbt-docs/";

    /// <summary>"dbt-docs/&lt;project&gt;-&lt;hash of the changes&gt;": the same batch always gets the same branch, so a retry finds its own work.</summary>
    public static string BranchName(string project, IReadOnlyList<ApprovedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(changes);
        var slug = new string(project.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var text = string.Join('\u0001', changes.Select(c => $"{c.UniqueId}\u0002{c.Key}\u0002{c.Text}\u0002{c.Reviewer}"));
        return BranchPrefix + slug + "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 6).ToLowerInvariant();
    }

    public static string Title(string project, IReadOnlyList<ApprovedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return string.Create(CultureInfo.InvariantCulture, $"docs({project}): {changes.Count} approved dbt description(s)");
    }

    /// <summary>One line per change: what changed, whether it was approved as drafted or edited, and by whom.</summary>
    public static string ChangeList(IReadOnlyList<ApprovedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var text = new StringBuilder();
        foreach (var change in changes.OrderBy(c => c.UniqueId, StringComparer.Ordinal).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var what = change.Column is null ? $"{change.ResourceType} {change.NodeName}" : $"{change.ResourceType} {change.NodeName}, column {change.Column}";
            var how = change.Decision == ReviewDecision.Edit ? "edited" : "approved";
            text.Append("- ").Append(what).Append(": ").Append(how).Append(" by ").Append(change.Reviewer).Append('\n');
        }

        return text.ToString();
    }

    public static string CommitMessage(string project, IReadOnlyList<ApprovedChange> changes) =>
        Title(project, changes) + "\n\n" + ChangeList(changes);

    public static string Body(IReadOnlyList<ApprovedChange> changes) =>
        "Descriptions drafted by an LLM and decided by people in the approval portal.\n\n" + ChangeList(changes);
}
