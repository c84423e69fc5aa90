namespace Agentic.Deploy.Tests;

/// <summary>Every test class that reads the synthesized stack shares one synthesis.</summary>
[CollectionDefinition(Name)]
public sealed class SynthesizedStackCollection : ICollectionFixture<SynthesizedStack>
{
    public const string Name = "Synthesized stack";
}
