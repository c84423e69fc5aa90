using Agentic.Eval.V1;

namespace Agentic.EvalService.Grpc;

/// <summary>Checks an EvaluateTurn request field by field before anything starts.</summary>
internal static class EvaluateTurnValidator
{
    public static void Validate(EvaluateTurnRequest request, TimeSpan maxBudget)
    {
        if (string.IsNullOrWhiteSpace(request.ConversationId))
        {
            throw GrpcErrors.Invalid("conversation_id", "is required");
        }

        if (request.ConversationId.Length > 200 || request.ConversationId.Contains('/', StringComparison.Ordinal))
        {
            throw GrpcErrors.Invalid("conversation_id", "must be at most 200 characters without '/'");
        }

        if (request.TurnIndex < 0)
        {
            throw GrpcErrors.Invalid("turn_index", "must not be negative");
        }

        if (string.IsNullOrWhiteSpace(request.Suite))
        {
            throw GrpcErrors.Invalid("suite", "is required");
        }

        if (request.SuiteVersion < 0)
        {
            throw GrpcErrors.Invalid("suite_version", "must not be negative (0 = latest)");
        }

        if (string.IsNullOrEmpty(request.AssistantResponse))
        {
            throw GrpcErrors.Invalid("assistant_response", "is required");
        }

        if (request.HasBudgetMs && (request.BudgetMs <= 0 || request.BudgetMs > maxBudget.TotalMilliseconds))
        {
            throw GrpcErrors.Invalid("budget_ms", $"must be greater than 0 and at most {maxBudget.TotalMilliseconds} ms");
        }

        if (request.CallbackUrl.Length > 0
            && (!Uri.TryCreate(request.CallbackUrl, UriKind.Absolute, out var callback) || callback.Scheme is not ("http" or "https")))
        {
            throw GrpcErrors.Invalid("callback_url", "must be an absolute http or https URL");
        }
    }
}
