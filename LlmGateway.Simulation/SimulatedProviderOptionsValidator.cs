using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Simulation;

/// <summary>Rejects settings the simulated provider cannot honour, naming the setting.</summary>
public sealed class SimulatedProviderOptionsValidator : IValidateOptions<SimulatedProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatedProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        NonNegative(failures, options.Latency, nameof(options.Latency));
        NonNegative(failures, options.LatencyJitter, nameof(options.LatencyJitter));
        NonNegative(failures, options.RetryAfter, nameof(options.RetryAfter));
        NonNegative(failures, options.StreamChunkDelay, nameof(options.StreamChunkDelay));
        NonNegative(failures, options.SlowStreamChunkDelay, nameof(options.SlowStreamChunkDelay));
        Rate(failures, options.RateLimitFaultRate, nameof(options.RateLimitFaultRate));
        Rate(failures, options.ServerErrorFaultRate, nameof(options.ServerErrorFaultRate));
        Rate(failures, options.TimeoutFaultRate, nameof(options.TimeoutFaultRate));
        Rate(failures, options.DropStreamFaultRate, nameof(options.DropStreamFaultRate));

        var total = options.RateLimitFaultRate + options.ServerErrorFaultRate + options.TimeoutFaultRate + options.DropStreamFaultRate;
        if (total > 1)
        {
            failures.Add($"{SimulatedProviderOptions.SectionName}: the fault rates add up to {total}, more than 1.");
        }

        if (options.EmbeddingDimensions is < 1 or > 16384)
        {
            failures.Add($"{SimulatedProviderOptions.SectionName}:{nameof(options.EmbeddingDimensions)} must be between 1 and 16384.");
        }

        if (options.Models.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{SimulatedProviderOptions.SectionName}:{nameof(options.Models)} contains an empty name.");
        }

        if (!string.IsNullOrWhiteSpace(options.RecordedAnswers))
        {
            var problems = new List<string>();
            SimulatedRecordingFile.Load(Path.GetFullPath(options.RecordedAnswers), problems);
            failures.AddRange(problems.Take(10).Select(p => $"{SimulatedProviderOptions.SectionName}:{nameof(options.RecordedAnswers)}: {p}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void NonNegative(List<string> failures, TimeSpan value, string name)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"{SimulatedProviderOptions.SectionName}:{name} must not be negative.");
        }
    }

    private static void Rate(List<string> failures, double value, string name)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            failures.Add($"{SimulatedProviderOptions.SectionName}:{name} must be between 0 and 1.");
        }
    }
}
