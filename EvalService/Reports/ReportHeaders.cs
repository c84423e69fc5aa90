namespace Agentic.EvalService.Reports;

/// <summary>
/// Response headers of every report page: no script may run (the pages need none, and the text they show comes
/// from models and datasets), inline styles only, and no framing.
/// </summary>
public static class ReportHeaders
{
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
