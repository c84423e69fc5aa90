namespace Agentic.ApprovalService.Tests.Integration;

/// <summary>End-to-end tests share one environment and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class ApprovalEnvironmentCollection : ICollectionFixture<ApprovalEnvironment>
{
    public const string Name = "approval environment";
}
