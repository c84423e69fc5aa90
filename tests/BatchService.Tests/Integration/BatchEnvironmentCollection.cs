namespace Agentic.BatchService.Tests.Integration;

/// <summary>End-to-end tests share one emulator and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class BatchEnvironmentCollection : ICollectionFixture<BatchEnvironment>
{
    public const string Name = "batch environment";
}
