using System.Diagnostics;
using System.Text.Json;

namespace Agentic.Deploy.Tests;

/// <summary>
/// The container images the .NET SDK would build (no engine here to build them): the settings MSBuild evaluates
/// for each service project, and the images the synthesized task definitions pull, agree on one repository per
/// service and the version as the tag; the base is chiseled and the user non-root.
/// </summary>
[Collection(SynthesizedStackCollection.Name)]
public class ContainerImageTests(SynthesizedStack stack)
{
    private const string Version = "9.8.7";

    private static readonly Dictionary<string, string> Projects = new(StringComparer.Ordinal)
    {
        ["LlmGateway"] = LlmGatewayService.Service,
        ["BatchService"] = "batch-service",
        ["EvalService"] = "eval-service",
        ["ApprovalService"] = "approval-service",
    };

    [Fact]
    public async Task PublishContainer_EveryService_OneImageChiseledNonRootTaggedWithTheVersionAsDeployPullsIt()
    {
        var settings = await Task.WhenAll(Projects.Keys.Select(ContainerSettingsAsync));

        foreach (var (project, properties) in Projects.Keys.Zip(settings))
        {
            var service = Projects[project];
            Assert.Equal("true", properties["EnableSdkContainerSupport"]);
            Assert.Equal($"agentic/{service}", properties["ContainerRepository"]);
            Assert.Equal(Version, properties["ContainerImageTag"]);
            Assert.Equal("noble-chiseled", properties["ContainerFamily"]);
            Assert.Equal("app", properties["ContainerUser"]);
            var image = stack.Resources("AWS::ECS::TaskDefinition")
                .SelectMany(task => task.Properties.GetProperty("ContainerDefinitions").EnumerateArray())
                .Single(container => container.GetProperty("Name").GetString() == service)
                .GetProperty("Image").GetRawText();
            Assert.Contains($"/agentic/{service}:1.2.3", image, StringComparison.Ordinal);
        }
    }

    /// <summary>The container properties MSBuild evaluates for a project (evaluation only: nothing is built).</summary>
    private static async Task<Dictionary<string, string>> ContainerSettingsAsync(string project)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "msbuild", Path.Combine(project, $"{project}.csproj"), $"-p:Version={Version}",
            "-getProperty:EnableSdkContainerSupport", "-getProperty:ContainerRepository", "-getProperty:ContainerImageTag",
            "-getProperty:ContainerFamily", "-getProperty:ContainerUser",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var msbuild = Process.Start(start)!;
        var output = msbuild.StandardOutput.ReadToEndAsync();
        var errors = msbuild.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await msbuild.WaitForExitAsync(timeout.Token);
        Assert.True(msbuild.ExitCode == 0, $"msbuild {project}: {await output}{await errors}");
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Agentic.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Agentic.sln not found above {AppContext.BaseDirectory}");
    }
}
