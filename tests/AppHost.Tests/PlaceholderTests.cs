namespace Agentic.AppHost.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Build_Solution_Compiles() => Assert.True(true);
}
