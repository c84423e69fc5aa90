namespace Agentic.Emulator.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Build_Project_Compiles() => Assert.NotNull(typeof(PlaceholderTests).Assembly);
}
