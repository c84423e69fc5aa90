using System.Globalization;

namespace Agentic.BatchService.Bench;

/// <summary>Peak resident memory of a process (VmHWM from /proc), in MiB.</summary>
public static class ProcessMemory
{
    public static double PeakMiB(int processId)
    {
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kib = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kib / 1024.0;
            }
        }

        return double.NaN;
    }
}
