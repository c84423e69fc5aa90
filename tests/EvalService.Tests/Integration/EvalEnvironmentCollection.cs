namespace Agentic.EvalService.Tests.Integration;

/// <summary>End-to-end tests share one environment and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class EvalEnvironmentCollection : ICollectionFixture<EvalEnvironment>
{
    public const string Name = "eval environment";
}
