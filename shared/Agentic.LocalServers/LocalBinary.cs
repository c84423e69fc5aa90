namespace Agentic.LocalServers;

/// <summary>Finds a server binary on PATH (or the usual Debian places), with the command that installs it.</summary>
public static class LocalBinary
{
    public static string? Find(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"]);
        return directories.Select(directory => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
    }

    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new InvalidOperationException(
            $"'{name}' is not installed. Install it with: "
            + $"sudo apt-get update && sudo apt-get install -y {debianPackage}");
}
