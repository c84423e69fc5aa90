namespace Agentic.BatchService.Output;

/// <summary>
/// Why a row failed, as written in its output record: a kind (one of the constants here, or the gateway
/// client's failure type such as <c>LlmModelNotFound</c>), the HTTP status when the gateway answered, the
/// message in plain words, and the row's physical line (1-based) and column in the input where they apply.
/// </summary>
public sealed record RowError(string Kind, string Message, int? HttpStatus = null, long? Line = null, int? Column = null)
{
    /// <summary>The row could not be read: broken JSON or CSV, a missing row id, a wrong column count.</summary>
    public const string MalformedRow = "malformed_row";

    /// <summary>The row lacks a field the prompt template names.</summary>
    public const string MissingField = "missing_field";

    /// <summary>The model's answer was not the JSON the task's schema asked for.</summary>
    public const string InvalidModelOutput = "invalid_model_output";

    /// <summary>The row's whole batch gave up (its workflow failed), so the row was never called.</summary>
    public const string BatchFailed = "batch_failed";

    /// <summary>The call broke outside the gateway's answers (a transport error).</summary>
    public const string TransportError = "transport_error";

    /// <summary>The token budget ran out before the row's turn (a skipped row, not a failure).</summary>
    public const string BudgetExhausted = "budget_exhausted";
}
