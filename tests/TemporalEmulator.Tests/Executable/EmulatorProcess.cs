using System.Diagnostics;
using System.Text.RegularExpressions;
using Agentic.Emulator.Tests.Common;

namespace Agentic.Emulator.Tests.Executable;

/// <summary>The emulator as the AppHost runs it: its own process, configured by command-line flags.</summary>
public sealed partial class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    public static async Task<EmulatorProcess> StartAsync(params string[] arguments)
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "TemporalEmulator.exe" : "TemporalEmulator");
        var start = new ProcessStartInfo(appHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(match.Groups["address"].Value);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"the emulator exited with {process.ExitCode}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new EmulatorProcess(process, await listening.Task.WithDeadline(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Ends the process at once, as a crash or a killed dev loop would: no shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WithDeadline(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WithDeadline(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^Temporal emulator listening on (?<address>127\.0\.0\.1:\d+)$")]
    private static partial Regex ListeningLine();
}
