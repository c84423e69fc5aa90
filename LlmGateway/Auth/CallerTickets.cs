using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Agentic.LlmGateway.Auth;

/// <summary>
/// One finished authentication result per caller, built on its first request and shared by every later one: a
/// caller's principal depends only on its name and priority class, so building claims, identity, principal and
/// ticket again per request was pure allocation. Nothing in the gateway changes a principal after authentication;
/// anything that ever needs to must copy it first. Keyed by value, so a configuration reload that keeps a caller
/// keeps its entry; at most one entry per configured caller.
/// </summary>
public sealed class CallerTickets
{
    private readonly ConcurrentDictionary<CallerIdentity, Task<AuthenticateResult>> _results = new();

    public Task<AuthenticateResult> For(CallerIdentity caller) => _results.GetOrAdd(caller, static c =>
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, c.Name), new Claim(CallerAuthenticationHandler.PriorityClassClaim, c.PriorityClass)],
            CallerAuthenticationHandler.SchemeName);
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), CallerAuthenticationHandler.SchemeName);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    });
}
