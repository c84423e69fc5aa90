using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Agentic.LlmGateway.Routing;

/// <summary>
/// The gateway's own loopback address, where it serves the built-in simulated provider: read from the server
/// once it listens, with wildcard hosts turned into 127.0.0.1.
/// </summary>
public sealed class SelfAddress(IServer server)
{
    private Uri? _address;

    public Uri Resolve()
    {
        if (_address is { } known)
        {
            return known;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The gateway does not listen on any address yet.");
        var uri = new Uri(chosen.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri = new UriBuilder(uri) { Host = "127.0.0.1" }.Uri;
        }

        _address = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        return _address;
    }
}
