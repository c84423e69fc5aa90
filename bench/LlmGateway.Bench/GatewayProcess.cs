using System.Diagnostics;
using System.Globalization;
using Agentic.LocalServers;

namespace Agentic.LlmGateway.Bench;

/// <summary>
/// The real gateway executable (<c>LlmGateway/bin/Release/net10.0/LlmGateway.dll</c>, with its own appsettings.json
/// and runtime configuration) in a process of its own, configured through the environment as a deployment would
/// be. The proxy benchmark runs two: one only serves the simulated provider (the stand-in for a remote LLM API),
/// the other is the gateway under test.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU time the process has used so far (user + system).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <param name="name">For error messages.</param>
    /// <param name="environment">Settings, as environment variables.</param>
    /// <param name="cpus">CPU list for <c>taskset -c</c> (e.g. "1"); null runs wherever the scheduler likes.</param>
    public static async Task<GatewayProcess> StartAsync(string name, IReadOnlyDictionary<string, string> environment, string? cpus = null)
    {
        var dll = FindGatewayDll();
        var port = FreePort.Next();
        var start = new ProcessStartInfo(cpus is null ? "dotnet" : "taskset", cpus is null ? [dll] : ["-c", cpus, "dotnet", dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        // Drained so a chatty log can never block the process on a full pipe; kept for the error message.
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var result = new GatewayProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
        try
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60));
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode}");
            }
        }
        catch (Exception ex)
        {
            await result.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start: {ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, output)}", ex);
        }

        return result;
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

    private static void Keep(System.Collections.Concurrent.ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 50 && output.TryDequeue(out _))
        {
        }
    }

    /// <summary>The gateway's own build output, next to its appsettings.json (building this benchmark builds it).</summary>
    private static string FindGatewayDll()
    {
        // bin/<configuration>/net10.0/: the gateway of the same configuration.
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Agentic.sln")))
            {
                var dll = Path.Combine(dir.FullName, "LlmGateway", "bin", configuration, "net10.0", "LlmGateway.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the gateway first: dotnet build -c {configuration} LlmGateway", dll);
            }
        }

        throw new DirectoryNotFoundException("Agentic.sln not found above " + AppContext.BaseDirectory);
    }
}
