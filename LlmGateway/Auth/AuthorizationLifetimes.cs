namespace Agentic.LlmGateway.Auth;

/// <summary>
/// ASP.NET Core registers its authorization services (the authorization service, policy evaluator, evaluator,
/// handler provider, handler-context factory, result handler and the pass-through handler) as transient, so that an
/// application's own authorization handlers may take request-scoped services. The authorization middleware resolves
/// them on every request: about ten objects and a completed task per request, for a policy that only asks for an
/// authenticated caller. None of them keeps state between calls and the gateway adds no handler of its own, so one
/// instance of each serves every request. An authorization handler that needs request-scoped services would be
/// captured by the singleton handler provider: adding one means dropping this.
/// </summary>
internal static class AuthorizationLifetimes
{
    public static void ShareStatelessServices(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.Lifetime == ServiceLifetime.Transient && !descriptor.IsKeyedService && descriptor.ImplementationType is { } implementation
                && implementation.Namespace?.StartsWith("Microsoft.AspNetCore.Authorization", StringComparison.Ordinal) == true)
            {
                services[i] = ServiceDescriptor.Singleton(descriptor.ServiceType, implementation);
            }
        }
    }
}
