using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Auth;

/// <summary>
/// The framework's scheme provider answers each lookup with a new completed task, and every request asks three
/// times (the authentication middleware for the request-handler schemes and the default scheme, the handler
/// provider for the scheme by name). The answers change only when a scheme is added or removed, so the completed
/// tasks are kept until then. Only schemes that exist are kept by name: a lookup of an unknown name stays uncached.
/// </summary>
internal sealed class CachedSchemeProvider(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    private readonly ConcurrentDictionary<string, Task<AuthenticationScheme?>> _byName = new(StringComparer.Ordinal);
    private Task<AuthenticationScheme?>? _defaultAuthenticate;
    private Task<IEnumerable<AuthenticationScheme>>? _requestHandlers;

    public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() =>
        _defaultAuthenticate ??= base.GetDefaultAuthenticateSchemeAsync();

    public override Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync() =>
        _requestHandlers ??= base.GetRequestHandlerSchemesAsync();

    public override Task<AuthenticationScheme?> GetSchemeAsync(string name)
    {
        if (_byName.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var found = base.GetSchemeAsync(name);
        if (found.IsCompletedSuccessfully && found.Result is not null)
        {
            _byName.TryAdd(name, found);
        }

        return found;
    }

    public override void AddScheme(AuthenticationScheme scheme)
    {
        base.AddScheme(scheme);
        Forget();
    }

    public override bool TryAddScheme(AuthenticationScheme scheme)
    {
        var added = base.TryAddScheme(scheme);
        Forget();
        return added;
    }

    public override void RemoveScheme(string name)
    {
        base.RemoveScheme(name);
        Forget();
    }

    private void Forget()
    {
        _defaultAuthenticate = null;
        _requestHandlers = null;
        _byName.Clear();
    }
}
