using Agentic.AppHost.Infrastructure;

namespace Agentic.AppHost.Tests.Infrastructure;

public class TemporalEmulatorDatabaseTests
{
    [Theory]
    [InlineData("memory")]
    [InlineData(" Memory ")]
    public void Resolve_Memory_InMemory(string value)
    {
        Assert.Null(TemporalEmulatorDatabase.Resolve(value));
    }

    [Fact]
    public void Resolve_Path_ThatFullPath()
    {
        var file = Path.Combine(Path.GetTempPath(), "agentic-tests", "loop.db");

        Assert.Equal(file, TemporalEmulatorDatabase.Resolve(file));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Resolve_Unset_FileInTheUsersDataFolder(string? value)
    {
        var resolved = TemporalEmulatorDatabase.Resolve(value);

        Assert.Equal(TemporalEmulatorDatabase.DefaultPath(), resolved);
        Assert.EndsWith(Path.Combine("agentic", "temporal.db"), resolved, StringComparison.Ordinal);
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var expectedRoot = string.IsNullOrWhiteSpace(dataHome)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : dataHome;
        Assert.StartsWith(expectedRoot, resolved, StringComparison.Ordinal);
    }
}
