namespace Agentic.AppHost.Tests.EndToEnd;

/// <summary>
/// One AppHost for every end-to-end class: a whole system per class would start several at once, which on a
/// shared 2-core machine is what made start-up miss its deadline.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalAppHostCollection : ICollectionFixture<LocalAppHostFixture>
{
    public const string Name = "Local AppHost";
}
