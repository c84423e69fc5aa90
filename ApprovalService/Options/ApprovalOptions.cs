using System.ComponentModel.DataAnnotations;

namespace Agentic.ApprovalService.Options;

/// <summary>Settings of the approval service (section "Approval").</summary>
public sealed class ApprovalOptions
{
    public const string SectionName = "Approval";

    [Required]
    public string TaskQueue { get; set; } = "approval-service";

    /// <summary>A reminder to the owner group when a proposal has waited this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Escalation to the owner group's leads.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan EscalationAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Undecided items expire; the proposal closes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ExpiryAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most characters of SQL and lineage sent to the LLM; the largest parts are trimmed first.</summary>
    [Range(500, 1_000_000)]
    public int MaxContextChars { get; set; } = 12_000;

    /// <summary>Model asked for drafts; empty = the gateway client's default chat model.</summary>
    public string? Model { get; set; }

    /// <summary>Recorded with every draft, so the audit tells which prompt wrote it.</summary>
    [Required]
    public string PromptVersion { get; set; } = "describe-v1";

    /// <summary>Owner group of nodes with no dbt meta.owner, group or mapping.</summary>
    [Required]
    public string DefaultOwnerGroup { get; set; } = "data-engineering";

    /// <summary>Owner group by path prefix of the node's file (e.g. "models/finance/" = "finance"); longest prefix wins.</summary>
    public Dictionary<string, string> OwnerGroups { get; set; } = [];

    /// <summary>Members of this group may decide on every node.</summary>
    [Required]
    public string AdminGroup { get; set; } = "admins";

    /// <summary>Reviewers known to the service (development sign-in and gRPC callers), by name.</summary>
    public Dictionary<string, ApprovalUser> Users { get; set; } = [];

    /// <summary>Directories manifests and repositories must lie under; empty allows any path (development).</summary>
    public List<string> AllowedRoots { get; set; } = [];

    /// <summary>Decisions and re-imports a proposal's run takes before it continues as new.</summary>
    [Range(1, 10_000)]
    public int EventsPerRun { get; set; } = 200;

    /// <summary>A pull request opens once this many approved changes wait...</summary>
    [Range(1, 10_000)]
    public int PullRequestBatchSize { get; set; } = 25;

    /// <summary>...or once the first waiting change is this old.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan PullRequestDebounce { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a LocalGit pull request's branch is checked for a merge.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MergePollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
