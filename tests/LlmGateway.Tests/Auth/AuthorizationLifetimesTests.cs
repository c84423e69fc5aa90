using System.Security.Claims;
using Agentic.LlmGateway.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Agentic.LlmGateway.Tests.Auth;

/// <summary>The framework's stateless authorization services become one instance each, and still decide as before.</summary>
public sealed class AuthorizationLifetimesTests
{
    [Fact]
    public async Task ShareStatelessServices_AuthorizationServices_SingletonsThatStillDecide()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthorizationBuilder().AddPolicy(CallerAuthenticationHandler.PolicyName, policy => policy.RequireAuthenticatedUser());

        AuthorizationLifetimes.ShareStatelessServices(services);

        Assert.DoesNotContain(services, d => d.Lifetime == ServiceLifetime.Transient
            && d.ImplementationType?.Namespace?.StartsWith("Microsoft.AspNetCore.Authorization", StringComparison.Ordinal) == true);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var first = provider.CreateAsyncScope();
        await using var second = provider.CreateAsyncScope();
        var authorization = first.ServiceProvider.GetRequiredService<IAuthorizationService>();
        Assert.Same(authorization, second.ServiceProvider.GetRequiredService<IAuthorizationService>());
        var caller = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "batch")], CallerAuthenticationHandler.SchemeName));
        Assert.True((await authorization.AuthorizeAsync(caller, CallerAuthenticationHandler.PolicyName)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), CallerAuthenticationHandler.PolicyName)).Succeeded);
    }
}
