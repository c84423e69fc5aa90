namespace Agentic.ApprovalService.Workflows;

public enum DescriptionOrigin
{
    None = 0,
    Llm = 1,
    Inherited = 2,
}
