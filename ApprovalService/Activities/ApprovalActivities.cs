using Agentic.ApprovalService.Audit;
using Agentic.ApprovalService.Notifications;
using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.ReadModel;
using Agentic.ApprovalService.Telemetry;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Temporalio.Activities;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Agentic.ApprovalService.Activities;

/// <summary>The proposal workflow's I/O: LLM drafts through the gateway, notifications, audit rows, hand-over to the pull request.</summary>
public sealed partial class ApprovalActivities(
    IChatClient chat,
    AuditStore audit,
    ProposalStore proposals,
    NotificationWebhook webhook,
    ITemporalClient temporal,
    IOptions<NotificationOptions> notificationOptions,
    ApprovalMetrics metrics,
    IOptions<ApprovalOptions> options,
    ILogger<ApprovalActivities> logger)
{
    [Activity]
    public async Task<DraftResult> DraftAsync(DraftRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        var chatOptions = new ChatOptions
        {
            ModelId = string.IsNullOrWhiteSpace(settings.Model) ? null : settings.Model,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(DraftPrompt.Schema(request.Keys), "dbt_descriptions"),
            Temperature = 0.2f,
        };
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, DraftPrompt.SystemText), new ChatMessage(ChatRole.User, DraftPrompt.UserText(request))],
            chatOptions,
            ActivityExecutionContext.Current.CancellationToken);
        var drafts = DraftPrompt.Read(response.Text, request.Keys)
            ?? throw new ApplicationFailureException($"the model's answer for {request.UniqueId} is not the JSON asked for", "DraftUnreadable");
        var info = new DraftInfo(
            response.ModelId ?? settings.Model ?? string.Empty,
            settings.PromptVersion,
            response.Usage?.InputTokenCount ?? 0,
            response.Usage?.OutputTokenCount ?? 0,
            request.Context.Notes);
        return new DraftResult(drafts, info);
    }

    /// <summary>Keeps the notification for the portal's queue, logs it, and delivers it to the webhook when one is configured.</summary>
    [Activity]
    public async Task<NotificationResult> NotifyAsync(NotificationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = ActivityExecutionContext.Current;
        var key = $"{context.Info.WorkflowId}/{input.Kind}/{input.At:O}";
        var record = new NotificationRecord(
            input.Project, input.UniqueId, input.Name, input.Group, input.Kind, input.PendingItems, input.At, webhook.Configured ? "pending" : null);
        if (await proposals.AddNotificationAsync(key, record, context.CancellationToken))
        {
            LogNotification(input.Kind, input.Group, input.Project, input.UniqueId, input.PendingItems);
        }

        if (!webhook.Configured)
        {
            return new NotificationResult(true);
        }

        try
        {
            await webhook.SendAsync(record, context.CancellationToken);
            await proposals.SetWebhookStatusAsync(key, "delivered", context.CancellationToken);
            return new NotificationResult(true);
        }
        catch (HttpRequestException exception) when (context.Info.Attempt >= notificationOptions.Value.WebhookAttempts)
        {
            // The portal has it; a dead receiver must not hold up the proposal's timers for ever.
            await proposals.SetWebhookStatusAsync(key, "failed: " + exception.Message, context.CancellationToken);
            return new NotificationResult(false);
        }
    }

    /// <summary>The proposal's state into the read model the portal and ListProposals search.</summary>
    [Activity]
    public async Task<RecordProposalResult> RecordProposalAsync(ProposalRecord record)
    {
        await proposals.RecordAsync(record, ActivityExecutionContext.Current.CancellationToken);
        return new RecordProposalResult(true);
    }

    [Activity]
    public async Task<AuditResult> AuditDecisionsAsync(AuditDecisionsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var info = ActivityExecutionContext.Current.Info;
        var rows = input.Items.Select((item, index) => (
            $"{info.WorkflowRunId}/{info.ActivityId}/{index}",
            new AuditRecord(
                0, "decision", input.Project, input.UniqueId, item.Column, item.Origin == DescriptionOrigin.Llm ? item.DraftText : null,
                item.FinalText, item.Decision.ToString().ToLowerInvariant(), item.Reason, item.Reviewer, item.DecidedAt ?? DateTime.UtcNow,
                null, null, null, item.Origin == DescriptionOrigin.Llm ? input.Draft.Model : "inherited:" + item.InheritedFrom,
                input.Draft.PromptVersion))).ToList();
        var added = await audit.AddAsync(rows, ActivityExecutionContext.Current.CancellationToken);
        if (added > 0 && input.OpenedAt is { } opened)
        {
            // Counted once: a retry after the rows were written adds none.
            foreach (var item in input.Items)
            {
                metrics.Decided(item.Decision.ToString().ToLowerInvariant(), (item.DecidedAt ?? opened) - opened);
            }
        }

        return new AuditResult(added);
    }

    [Activity]
    public async Task<EnqueueChangesResult> EnqueueChangesAsync(EnqueueChangesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = PullRequestWorkflow.WorkflowId(input.Project);
        var settings = options.Value;
        var start = new PullRequestInput(
            input.Project, input.Repository, new PullRequestTimings(settings.PullRequestBatchSize, settings.PullRequestDebounce, settings.MergePollInterval));
        var workflowOptions = new WorkflowOptions(id, settings.TaskQueue);
        workflowOptions.SignalWithStart((PullRequestWorkflow workflow) => workflow.AddChangesAsync(new AddChangesSignal(input.WorkflowId, input.Changes)));
        await temporal.StartWorkflowAsync((PullRequestWorkflow workflow) => workflow.RunAsync(start), workflowOptions);
        return new EnqueueChangesResult(id);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval {Kind} for group {Group}: {Project} {UniqueId} has {Pending} undecided descriptions")]
    private partial void LogNotification(string kind, string group, string project, string uniqueId, int pending);
}
