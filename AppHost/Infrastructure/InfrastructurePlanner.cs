namespace Agentic.AppHost.Infrastructure;

/// <summary>Chooses the infrastructure from the setting and what this machine has.</summary>
public static class InfrastructurePlanner
{
    public const string ModeSetting = "Infrastructure:Mode";

    /// <summary>Reads <c>Infrastructure:Mode</c>; empty means Auto, anything unknown is an error naming the setting.</summary>
    public static InfrastructureMode ParseMode(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return InfrastructureMode.Auto;
        }

        return Enum.TryParse<InfrastructureMode>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new ArgumentException(
                $"{ModeSetting} must be one of Auto, Containers, Local; got '{value}'.", nameof(value));
    }

    public static InfrastructurePlan Plan(InfrastructureMode requested, bool containerRuntimeAnswers, string? temporalCliPath)
    {
        var mode = requested switch
        {
            InfrastructureMode.Auto => containerRuntimeAnswers ? InfrastructureMode.Containers : InfrastructureMode.Local,
            _ => requested,
        };

        var reason = (requested, containerRuntimeAnswers) switch
        {
            (InfrastructureMode.Auto, true) => "a container runtime answers",
            (InfrastructureMode.Auto, false) => "no container runtime answers",
            (InfrastructureMode.Containers, false) => $"forced by {ModeSetting}, but no container runtime answers: containers will not start",
            _ => $"forced by {ModeSetting}",
        };

        if (mode == InfrastructureMode.Containers)
        {
            return new InfrastructurePlan(mode, TemporalHosting.Container, null, reason);
        }

        return temporalCliPath is null
            ? new InfrastructurePlan(mode, TemporalHosting.Emulator, null, reason + "; no temporal CLI on PATH, using the emulator")
            : new InfrastructurePlan(mode, TemporalHosting.Cli, temporalCliPath, reason + $"; temporal CLI at {temporalCliPath}");
    }

    /// <summary>Finds an executable on PATH, as a shell would.</summary>
    public static string? FindOnPath(string name, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }
}
