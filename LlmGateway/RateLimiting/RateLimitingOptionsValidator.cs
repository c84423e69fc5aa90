using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.RateLimiting;

/// <summary>Rejects rate-limit configuration that would misbehave, at start-up.</summary>
public sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    private static readonly string[] Tokenizers = ["o200k_base", "cl100k_base", "chars"];

    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Contains('{') || options.KeyPrefix.Contains('}'))
        {
            errors.Add("RateLimiting:KeyPrefix must be non-empty and must not contain braces.");
        }

        if (options.BurstSeconds is <= 0 or > 3600 || double.IsNaN(options.BurstSeconds))
        {
            errors.Add("RateLimiting:BurstSeconds must be in (0, 3600].");
        }

        CheckShare(errors, "RateLimiting:InteractiveReservedShare", options.InteractiveReservedShare);
        if (options.ExpectedInstances < 1)
        {
            errors.Add("RateLimiting:ExpectedInstances must be at least 1.");
        }

        if (options.MaxClockSkew < TimeSpan.Zero)
        {
            errors.Add("RateLimiting:MaxClockSkew must not be negative.");
        }

        if (options.RedisTimeout <= TimeSpan.Zero)
        {
            errors.Add("RateLimiting:RedisTimeout must be positive.");
        }

        if (options.MaxDecisionsPerBatch < 1)
        {
            errors.Add("RateLimiting:MaxDecisionsPerBatch must be at least 1.");
        }

        if (options.MaxQueueWait < TimeSpan.Zero)
        {
            errors.Add("RateLimiting:MaxQueueWait must not be negative.");
        }

        if (!Enum.IsDefined(options.Clock))
        {
            errors.Add("RateLimiting:Clock must be Server or Client.");
        }

        CheckLimits(errors, "RateLimiting:Global", options.Global);
        CheckLimits(errors, "RateLimiting:CallerDefaults", options.CallerDefaults);
        CheckModel(errors, "RateLimiting:DefaultModel", options.DefaultModel);
        foreach (var (model, limits) in options.Models)
        {
            CheckModel(errors, $"RateLimiting:Models:{model}", limits);
        }

        foreach (var (caller, limits) in options.Callers)
        {
            var path = $"RateLimiting:Callers:{caller}";
            if (limits.RequestsPerMinute < 0 || limits.TokensPerMinute < 0)
            {
                errors.Add($"{path}: limits must not be negative.");
            }

            if (limits.MaxQueueWait < TimeSpan.Zero)
            {
                errors.Add($"{path}:MaxQueueWait must not be negative.");
            }

            foreach (var (model, modelLimits) in limits.Models)
            {
                CheckLimits(errors, $"{path}:Models:{model}", modelLimits);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckModel(List<string> errors, string path, ModelRateLimitOptions model)
    {
        CheckLimits(errors, path, model);
        if (model.InteractiveReservedShare is { } share)
        {
            CheckShare(errors, $"{path}:InteractiveReservedShare", share);
        }

        if (model.Tokenizer is { } tokenizer && !Tokenizers.Contains(tokenizer, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{path}:Tokenizer must be one of {string.Join(", ", Tokenizers)}.");
        }

        if (model.FailurePolicy is { } policy && !Enum.IsDefined(policy))
        {
            errors.Add($"{path}:FailurePolicy must be FailOpen or FailClosed.");
        }
    }

    private static void CheckLimits(List<string> errors, string path, RateLimitSettings limits)
    {
        if (limits.RequestsPerMinute < 0 || limits.TokensPerMinute < 0)
        {
            errors.Add($"{path}: limits must not be negative.");
        }
    }

    private static void CheckShare(List<string> errors, string path, double share)
    {
        if (share is < 0 or >= 1 || double.IsNaN(share))
        {
            errors.Add($"{path} must be in [0, 1).");
        }
    }
}
