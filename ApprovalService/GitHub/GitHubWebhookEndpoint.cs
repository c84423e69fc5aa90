using System.Text.Json;
using Agentic.ApprovalService.GitHub;
using Agentic.ApprovalService.Workflows;
using Microsoft.Extensions.Options;
using Npgsql;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// POST /webhooks/github: GitHub's pull_request events. The signature is checked over the raw body before anything
/// is read; a delivery id seen before is ignored (GitHub redelivers, and an attacker may replay); a closed pull
/// request of a dbt-docs branch is handed to its project's pull request workflow.
/// </summary>
public static class GitHubWebhookEndpoint
{
    private const int MaxBody = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapGitHubWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhooks/github", HandleAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request, IOptions<GitHubOptions> options, NpgsqlDataSource database, ITemporalClient temporal, CancellationToken cancellationToken)
    {
        var secret = options.Value.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return Results.NotFound("the GitHub webhook is not configured");
        }

        if (request.ContentLength > MaxBody)
        {
            return Results.BadRequest("body too large");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (!WebhookSignature.Verify(secret, body, request.Headers["X-Hub-Signature-256"]))
        {
            return Results.Text("X-Hub-Signature-256 does not match the body", statusCode: StatusCodes.Status401Unauthorized);
        }

        var delivery = request.Headers["X-GitHub-Delivery"].ToString();
        if (string.IsNullOrWhiteSpace(delivery))
        {
            return Results.BadRequest("X-GitHub-Delivery is required");
        }

        await using (var insert = database.CreateCommand("INSERT INTO github_deliveries (delivery_id) VALUES ($1) ON CONFLICT DO NOTHING"))
        {
            insert.Parameters.AddWithValue(delivery);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return Results.Ok("delivery already handled; ignored");
            }
        }

        if (request.Headers["X-GitHub-Event"] != "pull_request")
        {
            return Results.Accepted(value: "event ignored");
        }

        PullRequestEventSignal signal;
        string project;
        try
        {
            (project, signal) = Read(body) ?? (string.Empty, null!);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return Results.BadRequest($"not a pull_request event: {exception.Message}");
        }

        if (project.Length == 0)
        {
            return Results.Accepted(value: "not a closed dbt-docs pull request; ignored");
        }

        try
        {
            await temporal.GetWorkflowHandle<PullRequestWorkflow>(PullRequestWorkflow.WorkflowId(project))
                .SignalAsync(workflow => workflow.PullRequestEventAsync(signal), new WorkflowSignalOptions { Rpc = new RpcOptions { CancellationToken = cancellationToken } });
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            return Results.Accepted(value: $"no pull request workflow for project '{project}'");
        }

        return Results.Accepted(value: "handed to the pull request workflow");
    }

    /// <summary>The project and outcome of a closed pull request on a dbt-docs branch, else null.</summary>
    private static (string Project, PullRequestEventSignal Signal)? Read(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.GetProperty("action").GetString() != "closed")
        {
            return null;
        }

        var pullRequest = root.GetProperty("pull_request");
        var branch = pullRequest.GetProperty("head").GetProperty("ref").GetString() ?? string.Empty;
        const string prefix = "dbt-docs/";
        var hashAt = branch.LastIndexOf('-');
        if (!branch.StartsWith(prefix, StringComparison.Ordinal) || hashAt <= prefix.Length)
        {
            return null;
        }

        var merged = pullRequest.TryGetProperty("merged", out var m) && m.ValueKind == JsonValueKind.True;
        var commit = merged && pullRequest.TryGetProperty("merge_commit_sha", out var sha) ? sha.GetString() : null;
        var closedAt = pullRequest.TryGetProperty("closed_at", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTime().ToUniversalTime() : DateTime.UtcNow;
        return (branch[prefix.Length..hashAt], new PullRequestEventSignal(pullRequest.GetProperty("number").GetInt32(), merged, commit, closedAt));
    }
}
