using Agentic.AppHost.Infrastructure;

namespace Agentic.AppHost.Tests.Infrastructure;

public class InfrastructurePlannerTests
{
    private const string Cli = "/usr/local/bin/temporal";

    [Fact]
    public void Plan_AutoWithContainerRuntime_UsesContainers()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Auto, containerRuntimeAnswers: true, temporalCliPath: Cli);

        Assert.Equal(InfrastructureMode.Containers, plan.Mode);
        Assert.Equal(TemporalHosting.Container, plan.Temporal);
        Assert.True(plan.UsesContainers);
        Assert.Contains("container runtime answers", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AutoWithoutRuntimeWithoutCli_UsesLocalRedisAndEmulator()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Auto, containerRuntimeAnswers: false, temporalCliPath: null);

        Assert.Equal(InfrastructureMode.Local, plan.Mode);
        Assert.Equal(TemporalHosting.Emulator, plan.Temporal);
        Assert.False(plan.UsesContainers);
        Assert.Contains("no container runtime", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_AutoWithoutRuntimeWithCli_UsesTemporalCli()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Auto, containerRuntimeAnswers: false, temporalCliPath: Cli);

        Assert.Equal(InfrastructureMode.Local, plan.Mode);
        Assert.Equal(TemporalHosting.Cli, plan.Temporal);
        Assert.Equal(Cli, plan.TemporalCliPath);
    }

    [Fact]
    public void Plan_LocalForcedWithRuntime_StaysLocal()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Local, containerRuntimeAnswers: true, temporalCliPath: null);

        Assert.Equal(InfrastructureMode.Local, plan.Mode);
        Assert.Equal(TemporalHosting.Emulator, plan.Temporal);
        Assert.Contains("forced", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ContainersForcedWithoutRuntime_UsesContainersAndSaysTheyWillNotStart()
    {
        var plan = InfrastructurePlanner.Plan(InfrastructureMode.Containers, containerRuntimeAnswers: false, temporalCliPath: Cli);

        Assert.Equal(InfrastructureMode.Containers, plan.Mode);
        Assert.Equal(TemporalHosting.Container, plan.Temporal);
        Assert.Contains("no container runtime answers", plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_LocalPlan_NamesModeRedisAndTemporal()
    {
        var text = InfrastructurePlanner.Plan(InfrastructureMode.Auto, false, null).Describe();

        Assert.Contains("Local", text, StringComparison.Ordinal);
        Assert.Contains("redis-server", text, StringComparison.Ordinal);
        Assert.Contains("Emulator", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, InfrastructureMode.Auto)]
    [InlineData("", InfrastructureMode.Auto)]
    [InlineData("auto", InfrastructureMode.Auto)]
    [InlineData("Containers", InfrastructureMode.Containers)]
    [InlineData(" local ", InfrastructureMode.Local)]
    public void ParseMode_KnownValue_ReturnsMode(string? value, InfrastructureMode expected) =>
        Assert.Equal(expected, InfrastructurePlanner.ParseMode(value));

    [Theory]
    [InlineData("docker")]
    [InlineData("7")]
    public void ParseMode_UnknownValue_ThrowsNamingTheSetting(string value)
    {
        var exception = Assert.Throws<ArgumentException>(() => InfrastructurePlanner.ParseMode(value));

        Assert.Contains(InfrastructurePlanner.ModeSetting, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindOnPath_ExecutableInSecondDirectory_ReturnsItsPath()
    {
        var first = Directory.CreateTempSubdirectory();
        var second = Directory.CreateTempSubdirectory();
        try
        {
            var temporal = Path.Combine(second.FullName, "temporal");
            File.WriteAllText(temporal, "#!/bin/sh\n");

            var found = InfrastructurePlanner.FindOnPath("temporal", $"{first.FullName}{Path.PathSeparator}{second.FullName}");

            Assert.Equal(temporal, found);
            Assert.Null(InfrastructurePlanner.FindOnPath("temporal", first.FullName));
            Assert.Null(InfrastructurePlanner.FindOnPath("temporal", null));
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }
}
