using Microsoft.Extensions.Options;

namespace Agentic.WorkerDefaults.Llm;

/// <summary>Fails start-up naming the setting to fix; never echoes the key.</summary>
public sealed class LlmGatewayClientOptionsValidator : IValidateOptions<LlmGatewayClientOptions>
{
    private const string Section = LlmGatewayClientOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, LlmGatewayClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BaseUrl is null)
        {
            failures.Add($"{Section}:BaseUrl is required (the gateway's http(s) address).");
        }
        else if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
        {
            failures.Add($"{Section}:BaseUrl must be an absolute http or https address; got '{options.BaseUrl}'.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            failures.Add($"{Section}:ApiKey is required (this service's caller key for the gateway).");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:Timeout must be more than zero and at most one hour.");
        }

        if (string.IsNullOrWhiteSpace(options.ChatModel))
        {
            failures.Add($"{Section}:ChatModel must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.EmbeddingModel))
        {
            failures.Add($"{Section}:EmbeddingModel must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
