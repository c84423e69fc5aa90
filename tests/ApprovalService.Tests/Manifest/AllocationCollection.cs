namespace Agentic.ApprovalService.Tests.Manifest;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocation measurements";
}
