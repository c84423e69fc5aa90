using Agentic.LlmGateway.Configuration;

namespace Agentic.LlmGateway.Tests.Configuration;

public sealed class GatewayOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions()).Succeeded);
    }

    [Fact]
    public void Validate_BadRoutesAndCallers_NamesEveryProblem()
    {
        var options = new GatewayOptions();
        options.Callers["a"] = new CallerOptions { ApiKey = "same" };
        options.Callers["b"] = new CallerOptions { ApiKey = "same", PriorityClass = "" };
        options.Providers["local"] = new ProviderOptions { Kind = ProviderKind.OpenAICompatible };
        options.Models["empty"] = new ModelOptions();
        options.Models["dangling"] = new ModelOptions { Deployments = [new DeploymentOptions { Provider = "nowhere" }] };
        options.Resilience.MaxAttemptsPerDeployment = 0;

        var result = new GatewayOptionsValidator().Validate(null, options);

        Assert.False(result.Succeeded);
        var message = result.FailureMessage;
        Assert.Contains("share one ApiKey", message, StringComparison.Ordinal);
        Assert.Contains("Callers:b:PriorityClass", message, StringComparison.Ordinal);
        Assert.Contains("Providers:local:BaseUrl", message, StringComparison.Ordinal);
        Assert.Contains("Models:empty:Deployments", message, StringComparison.Ordinal);
        Assert.Contains("'nowhere'", message, StringComparison.Ordinal);
        Assert.Contains("MaxAttemptsPerDeployment", message, StringComparison.Ordinal);
    }
}
