using System.Diagnostics;
using System.Globalization;
using Agentic.LocalServers;

namespace Agentic.TemporalEmulator.Bench;

/// <summary>The emulator as its own process (<c>dotnet TemporalEmulator.dll --port P</c>), stopped by its own id.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, int port)
    {
        _process = process;
        Address = $"127.0.0.1:{port}";
    }

    public string Address { get; }

    public int ProcessId => _process.Id;

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the emulator; <paramref name="databaseFile"/> runs it on a SQLite file (<c>--db-filename</c>); <paramref name="extraArguments"/> go on its command line.</summary>
    public static async Task<EmulatorProcess> StartAsync(string? databaseFile = null, string extraArguments = "")
    {
        var port = FreePort.Next();
        var dll = Path.Combine(AppContext.BaseDirectory, "TemporalEmulator.dll");
        var database = databaseFile is null ? string.Empty : $" --db-filename \"{databaseFile}\"";
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --port {port.ToString(CultureInfo.InvariantCulture)}{database} {extraArguments}")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Console.Error.WriteLine($"[emulator] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30));
        return new EmulatorProcess(process, port);
    }

    /// <summary>Resident memory (<c>VmRSS</c>) or its peak (<c>VmHWM</c>) from /proc, in MiB.</summary>
    public double MemoryMiB(string field = "VmRSS")
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
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


}
