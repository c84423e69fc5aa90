// The certificate annotations are marked for evaluation in Aspire 13.6; this is the documented way to opt out
// (what WithoutHttpsCertificate does on one resource).
#pragma warning disable ASPIRECERTIFICATES001

namespace Aspire.Hosting;

public static class DeveloperCertificateExtensions
{
    /// <summary>
    /// Tells Aspire that projects without an HTTPS endpoint need no development certificate. Every project is
    /// offered one by default, so with none trusted (the usual case on Linux, where trusting it takes manual
    /// steps) the dashboard warns on every page although the local loop is plain HTTP end to end. A project with
    /// an HTTPS endpoint keeps the certificate, and the warning when it is untrusted.
    /// </summary>
    public static IDistributedApplicationBuilder WithoutDeveloperCertificateForHttpOnlyProjects(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            foreach (var project in start.Model.Resources.OfType<ProjectResource>())
            {
                var usesHttps = project.Annotations.OfType<EndpointAnnotation>().Any(endpoint => endpoint.UriScheme == "https");
                if (!usesHttps && !project.Annotations.OfType<HttpsCertificateAnnotation>().Any())
                {
                    project.Annotations.Add(new HttpsCertificateAnnotation { Certificate = null, UseDeveloperCertificate = false });
                }
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
