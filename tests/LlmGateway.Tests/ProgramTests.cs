using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Agentic.LlmGateway.Tests;

/// <summary>The gateway executable, run as a process: a start-up failure is one clear line on standard error and exit code 1.</summary>
public sealed class ProgramTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Main_NoRedisConfigured_OneLineNamingTheSettingAndExit1()
    {
        var (exitCode, stdout, stderr) = await RunGatewayAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__redis"] = null,
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("llm-gateway cannot start:", line, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:redis", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_PortInUse_OneLineNamingTheAddressAndExit1()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var (exitCode, stdout, stderr) = await RunGatewayAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
            // Never contacted before the bind fails; the limiter only needs a configured address to start.
            ["ConnectionStrings__redis"] = "127.0.0.1:1",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(Lines(stderr));
        Assert.StartsWith("llm-gateway cannot start:", line, StringComparison.Ordinal);
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
        Assert.Contains("in use", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunGatewayAsync(Dictionary<string, string?> environment)
    {
        var dll = FindGatewayDll();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(ExitDeadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the gateway did not exit within {ExitDeadline.TotalSeconds:F0} s: {await stdout} {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The gateway's own build output (with its appsettings.json), of this test build's configuration.</summary>
    private static string FindGatewayDll()
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Agentic.sln")))
            {
                var dll = Path.Combine(dir.FullName, "LlmGateway", "bin", configuration, "net10.0", "LlmGateway.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException("the gateway's build output is missing", dll);
            }
        }

        throw new DirectoryNotFoundException("Agentic.sln not found above " + AppContext.BaseDirectory);
    }
}
