using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Agentic.LlmGateway.Proxy;

/// <summary>
/// The one pooled HTTP client every upstream call goes through: YARP's forwarder client (SocketsHttpHandler,
/// no proxy, no redirects, no cookies, no decompression, multiple HTTP/2 connections).
/// </summary>
public sealed class UpstreamClient(IForwarderHttpClientFactory factory) : IDisposable
{
    private readonly HttpMessageInvoker _invoker = factory.CreateClient(new ForwarderHttpClientContext
    {
        ClusterId = "llm-providers",
        NewConfig = HttpClientConfig.Empty,
    });

    public HttpMessageInvoker Invoker => _invoker;

    public void Dispose() => _invoker.Dispose();
}
