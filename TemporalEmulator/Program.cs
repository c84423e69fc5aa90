using System.Runtime.InteropServices;
using Agentic.Emulator;

// Usage: see EmulatorCommandLine.Usage.
var options = EmulatorCommandLine.Parse(args);

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
