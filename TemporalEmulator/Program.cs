using System.Globalization;
using System.Runtime.InteropServices;
using Agentic.Emulator;

// Usage: TemporalEmulator --port 7233 [--namespace default] [--time-skipping]
var options = new TemporalEmulatorOptions { Port = 7233 };
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length:
            options.Port = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--namespace" when i + 1 < args.Length:
            options.Namespace = args[++i];
            break;
        case "--time-skipping":
            options.TimeSkipping = true;
            break;
        default:
            // ASP.NET and Aspire settings (--urls, --environment ...) do not apply: the emulator binds its own port.
            break;
    }
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(LogLevel.Information)
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)

    // With hosting diagnostics enabled at any level, ASP.NET starts an Activity and a log scope per request.
    .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None));
options.LoggerFactory = loggerFactory;
var logger = loggerFactory.CreateLogger("Agentic.Emulator");

using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

await using var emulator = await TemporalEmulator.StartAsync(options, stop.Token);
// The AppHost and scripts wait for this exact line.
Console.WriteLine($"Temporal emulator listening on {emulator.Address}");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    logger.LogInformation("Temporal emulator stopping");
}
