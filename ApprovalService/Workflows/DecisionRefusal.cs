namespace Agentic.ApprovalService.Workflows;

/// <summary>Why a decision cannot apply. <see cref="Code"/>: "invalid", "not-allowed", "stale" or "closed".</summary>
public sealed record DecisionRefusal(string Code, string Message)
{
    public const string ErrorTypePrefix = "DecisionRefused.";

    public string ErrorType => ErrorTypePrefix + Code;

    public static DecisionRefusal Invalid(string message) => new("invalid", message);
}
