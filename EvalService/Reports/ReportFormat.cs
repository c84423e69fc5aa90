using System.Globalization;

namespace Agentic.EvalService.Reports;

/// <summary>How numbers read on the report pages, whatever the server's culture.</summary>
public static class ReportFormat
{
    public static string Percent(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    public static string Kappa(double kappa) => double.IsNaN(kappa) ? "n/a" : kappa.ToString("F2", CultureInfo.InvariantCulture);

    public static string Usd(double usd) => usd.ToString("F4", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => time.ToString("u", CultureInfo.InvariantCulture);
}
