using System.Text.Encodings.Web;
using Agentic.LlmGateway.Protocol;
using Agentic.LlmGateway.Requests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Agentic.LlmGateway.Auth;

/// <summary>
/// The gateway's authentication scheme: a caller's own bearer key (see <see cref="CallerAuthenticator"/>) becomes a
/// principal named after the caller with its priority class, and the <see cref="CallerIdentity"/> feature the
/// proxy reads. A refusal is OpenAI's 401 body with <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class CallerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CallerAuthenticator authenticator,
    CallerTickets tickets) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CallerKey";

    /// <summary>The authorization policy of every /v1 endpoint: an authenticated caller of this scheme.</summary>
    public const string PolicyName = "Caller";

    public const string PriorityClassClaim = "priority_class";

    /// <summary>Where the OpenAI-compatible API lives; its endpoints require <see cref="PolicyName"/>.</summary>
    public const string ApiPath = "/v1";

    private static readonly Task<AuthenticateResult> NoResult = Task.FromResult(AuthenticateResult.NoResult());

    // The scheme has no events; the base class would make a new placeholder object and task for them per request.
    private static readonly Task<object> NoEvents = Task.FromResult(new object());

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Being the default scheme, this runs for every request, but only the OpenAI API takes caller keys (matched
        // without case, as routing matches): health checks and the simulated provider (whose callers present provider
        // keys) cost no hash and log no failed attempt.
        if (!Request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase))
        {
            return NoResult;
        }

        var caller = authenticator.Authenticate(Request);
        if (caller is null)
        {
            return Request.Headers.Authorization.Count == 0
                ? NoResult
                : Task.FromResult(AuthenticateResult.Fail("The bearer key matches no caller."));
        }

        Context.Features.Set(caller);
        Context.Features.Get<GatewayRequestFeature>()?.Caller = caller.Name;
        return tickets.For(caller);
    }

    protected override Task<object> CreateEventsAsync() => NoEvents;

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return OpenAiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "Incorrect or missing API key. Send 'Authorization: Bearer <key>' with a key issued for this gateway.", "invalid_request_error", "invalid_api_key");
    }
}
