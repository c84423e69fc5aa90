using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Configuration;

/// <summary>Rejects gateway configuration that could not route, at start-up and on every reload.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        const string Root = GatewayOptions.SectionName;
        if (options.MaxRequestBodyBytes < 1024)
        {
            errors.Add($"{Root}:MaxRequestBodyBytes must be at least 1024.");
        }

        if (options.DefaultMaxTokens < 0)
        {
            errors.Add($"{Root}:DefaultMaxTokens must not be negative.");
        }

        foreach (var (caller, settings) in options.Callers)
        {
            if (string.IsNullOrWhiteSpace(settings.PriorityClass))
            {
                errors.Add($"{Root}:Callers:{caller}:PriorityClass must not be empty.");
            }
        }

        var keys = options.Callers.Values.Select(c => c.ApiKey).Where(k => !string.IsNullOrEmpty(k)).ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count())
        {
            errors.Add($"{Root}:Callers: two callers share one ApiKey.");
        }

        foreach (var (provider, settings) in options.Providers)
        {
            if (!Enum.IsDefined(settings.Kind))
            {
                errors.Add($"{Root}:Providers:{provider}:Kind must be one of {string.Join(", ", Enum.GetNames<ProviderKind>())}.");
            }

            if (settings.BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            {
                errors.Add($"{Root}:Providers:{provider}:BaseUrl must be an absolute http(s) URL.");
            }

            if (settings.BaseUrl is null && settings.Kind == ProviderKind.OpenAICompatible)
            {
                errors.Add($"{Root}:Providers:{provider}:BaseUrl is required for an OpenAICompatible provider.");
            }
        }

        foreach (var (model, settings) in options.Models)
        {
            if (settings.Deployments.Count == 0)
            {
                errors.Add($"{Root}:Models:{model}:Deployments must list at least one deployment.");
            }

            if (settings.Price is { } price && (price.InputPerMillion < 0 || price.OutputPerMillion < 0 || price.CachedInputPerMillion < 0))
            {
                errors.Add($"{Root}:Models:{model}:Price: prices must not be negative.");
            }

            for (var i = 0; i < settings.Deployments.Count; i++)
            {
                var provider = settings.Deployments[i].Provider;
                if (!options.Providers.ContainsKey(provider) && !string.Equals(provider, GatewayOptions.SimulatedProviderName, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add($"{Root}:Models:{model}:Deployments:{i}:Provider '{provider}' is not in {Root}:Providers.");
                }
            }
        }

        var resilience = options.Resilience;
        if (resilience.MaxAttemptsPerDeployment is < 1 or > 10)
        {
            errors.Add($"{Root}:Resilience:MaxAttemptsPerDeployment must be in [1, 10].");
        }

        if (resilience.BaseDelay < TimeSpan.Zero || resilience.MaxRetryDelay < TimeSpan.Zero)
        {
            errors.Add($"{Root}:Resilience:BaseDelay and MaxRetryDelay must not be negative.");
        }

        if (resilience.UpstreamTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Root}:Resilience:UpstreamTimeout must be positive.");
        }

        if (resilience.FailuresToEject < 1 || resilience.EjectionDuration < TimeSpan.Zero)
        {
            errors.Add($"{Root}:Resilience:FailuresToEject must be at least 1 and EjectionDuration not negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
