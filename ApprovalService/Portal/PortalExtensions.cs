using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;

namespace Agentic.ApprovalService.Portal;

/// <summary>
/// The review portal: server-rendered Razor Pages behind cookie sign-in. Development users come from
/// Approval:Users; with Approval:Oidc:Authority set, people sign in through OpenID Connect instead (groups from the
/// "groups" claim). Every page but sign-in needs a signed-in user; Razor Pages check anti-forgery tokens on every post.
/// </summary>
public static class PortalExtensions
{
    public static IHostApplicationBuilder AddApprovalPortal(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToPage("/SignIn");
            })
            // Named explicitly: a host built by tests or benchmarks has another entry assembly.
            .AddApplicationPart(typeof(PortalExtensions).Assembly);

        var oidc = builder.Configuration.GetSection("Approval:Oidc");
        var authentication = builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
                {
                    options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                }
            })
            .AddCookie(options =>
            {
                options.LoginPath = "/SignIn";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                options.SlidingExpiration = true;
            });
        if (!string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = oidc["Authority"];
                options.ClientId = oidc["ClientId"];
                options.ClientSecret = oidc["ClientSecret"];
                options.ResponseType = "code";
                options.Scope.Add("profile");
                options.GetClaimsFromUserInfoEndpoint = true;
                options.TokenValidationParameters.NameClaimType = "preferred_username";
                options.ClaimActions.MapJsonKey(PortalUser.GroupClaim, PortalUser.GroupClaim);
            });
        }

        builder.Services.AddAuthorization();
        return builder;
    }
}
