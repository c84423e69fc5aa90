using System.Diagnostics;

namespace Agentic.BatchService.Bench;

/// <summary>A .NET program started by the benchmark (emulator, batch service) and stopped by its own id.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public double PeakMemoryMiB => ProcessMemory.PeakMiB(_process.Id);

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static ChildProcess Start(string dll, string arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        var name = Path.GetFileNameWithoutExtension(dll);
        process.OutputDataReceived += (_, e) => Log(name, e.Data);
        process.ErrorDataReceived += (_, e) => Log(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process);
    }



    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Log(string name, string? line)
    {
        // Errors only: the child processes log at Warning, and warnings would drown the results.
        if (!string.IsNullOrEmpty(line) && (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
            || line.Contains(" ERROR ", StringComparison.Ordinal)))
        {
            Console.Error.WriteLine($"[{name}] {line}");
        }
    }
}
