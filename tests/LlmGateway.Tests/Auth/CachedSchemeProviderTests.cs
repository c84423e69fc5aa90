using Agentic.LlmGateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Tests.Auth;

/// <summary>Scheme lookups answer from kept tasks until a scheme is added or removed.</summary>
public sealed class CachedSchemeProviderTests
{
    [Fact]
    public async Task GetSchemeAsync_AskedTwice_SameTaskAndScheme()
    {
        var provider = Provider();

        var first = provider.GetSchemeAsync(CallerAuthenticationHandler.SchemeName);
        var second = provider.GetSchemeAsync(CallerAuthenticationHandler.SchemeName);

        Assert.Same(first, second);
        Assert.Equal(CallerAuthenticationHandler.SchemeName, (await first)!.Name);
        Assert.Same(provider.GetDefaultAuthenticateSchemeAsync(), provider.GetDefaultAuthenticateSchemeAsync());
        Assert.Same(provider.GetRequestHandlerSchemesAsync(), provider.GetRequestHandlerSchemesAsync());
    }

    [Fact]
    public async Task GetSchemeAsync_AfterRemoveAndAdd_SeesTheChange()
    {
        var provider = Provider();
        Assert.NotNull(await provider.GetSchemeAsync(CallerAuthenticationHandler.SchemeName));
        Assert.Null(await provider.GetSchemeAsync("other"));

        provider.RemoveScheme(CallerAuthenticationHandler.SchemeName);
        provider.AddScheme(new AuthenticationScheme("other", null, typeof(CallerAuthenticationHandler)));

        Assert.Null(await provider.GetSchemeAsync(CallerAuthenticationHandler.SchemeName));
        Assert.Equal("other", (await provider.GetSchemeAsync("other"))!.Name);
        Assert.Equal("other", (await provider.GetDefaultAuthenticateSchemeAsync())!.Name);
    }

    private static CachedSchemeProvider Provider()
    {
        var options = new AuthenticationOptions();
        options.AddScheme<CallerAuthenticationHandler>(CallerAuthenticationHandler.SchemeName, null);
        return new CachedSchemeProvider(Options.Create(options));
    }
}
