using Agentic.LlmGateway.Auth;
using Agentic.LlmGateway.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Tests.Auth;

public sealed class CallerAuthenticatorTests
{
    [Theory]
    [InlineData("Bearer key-a", "a")]
    [InlineData("bearer   key-b  ", "b")]
    [InlineData("Bearer key-c", null)]
    [InlineData("Basic key-a", null)]
    [InlineData("key-a", null)]
    [InlineData("Bearer ", null)]
    public void Authenticate_Header_MatchesOnlyConfiguredKeys(string header, string? caller)
    {
        var options = new GatewayOptions();
        options.Callers["a"] = new CallerOptions { ApiKey = "key-a", PriorityClass = "interactive" };
        options.Callers["b"] = new CallerOptions { ApiKey = "key-b" };
        options.Callers["c"] = new CallerOptions { ApiKey = "" };
        using var authenticator = new CallerAuthenticator(new StaticMonitor(options));
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = header;

        var identity = authenticator.Authenticate(context.Request);

        Assert.Equal(caller, identity?.Name);
        if (caller == "a")
        {
            Assert.Equal("interactive", identity!.PriorityClass);
        }
    }

    private sealed class StaticMonitor(GatewayOptions value) : IOptionsMonitor<GatewayOptions>
    {
        public GatewayOptions CurrentValue => value;

        public GatewayOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GatewayOptions, string?> listener) => null;
    }
}
