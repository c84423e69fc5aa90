namespace Agentic.ApprovalService.Workflows;

/// <summary>One approved description on its way into the dbt project.</summary>
public sealed record ApprovedChange(
    string UniqueId,
    string NodeName,
    string ResourceType,
    string? SqlPath,
    string? PropertiesFile,
    string? Column,
    string Text,
    string LlmText,
    string Reviewer,
    ReviewDecision Decision,
    string Model,
    string PromptVersion)
{
    public string Key => Column ?? string.Empty;
}
