namespace Aspire.Hosting;

public static class ProviderKeyExtensions
{
    /// <summary>The providers whose keys the AppHost can hand to the gateway.</summary>
    public static readonly string[] Providers = ["openai", "anthropic", "gemini"];

    /// <summary>
    /// Hands the gateway each provider key that is configured on the AppHost as the secret parameter
    /// <c>{provider}-api-key</c> (e.g. <c>dotnet user-secrets set "Parameters:openai-api-key" "sk-..."</c>).
    /// A provider without a key is left out, so the gateway answers its models with the simulated provider
    /// and the application still starts with no keys at all.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithProviderKeys(
        this IResourceBuilder<ProjectResource> gateway, IDistributedApplicationBuilder builder)
    {
        foreach (var provider in Providers)
        {
            var parameterName = $"{provider}-api-key";
            if (string.IsNullOrWhiteSpace(builder.Configuration[$"Parameters:{parameterName}"]))
            {
                continue;
            }

            var key = builder.AddParameter(parameterName, secret: true);
            gateway.WithEnvironment($"LlmGateway__Providers__{provider}__ApiKey", key);
        }

        return gateway;
    }
}
