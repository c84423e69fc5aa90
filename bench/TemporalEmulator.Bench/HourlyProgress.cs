using System.Diagnostics;
using System.Globalization;

namespace Agentic.TemporalEmulator.Bench;

/// <summary>
/// One line per virtual hour of the schedule benchmark — wall time, actions per second, CPU of the emulator and of
/// the benchmark process (client and worker) per action, resident memory of both, load average — so a run stopped
/// early still says what it measured.
/// </summary>
internal sealed class HourlyProgress(EmulatorProcess emulator, int schedules)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _lastWall;
    private TimeSpan _lastEmulatorCpu = emulator.CpuTime;
    private TimeSpan _lastBenchCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private int _reportedMinutes;

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>
    /// Called with the virtual minutes passed so far. Time skipping moves on only when nothing is outstanding, so
    /// by then every action of the earlier minutes has completed: N per minute.
    /// </summary>
    public void Observe(int virtualMinutes, bool final = false)
    {
        if (virtualMinutes - _reportedMinutes < 60 && !(final && virtualMinutes > _reportedMinutes))
        {
            return;
        }

        var wall = _watch.Elapsed;
        var emulatorCpu = emulator.CpuTime;
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var actions = (long)(virtualMinutes - _reportedMinutes) * schedules;
        var seconds = (wall - _lastWall).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {virtualMinutes / 60.0:F1} h | {wall.TotalSeconds:F0} s | {actions:N0} | {seconds:F1} s | {actions / seconds:F0} | " +
            $"{(emulatorCpu - _lastEmulatorCpu).TotalMilliseconds / actions:F2} ms | {(benchCpu - _lastBenchCpu).TotalMilliseconds / actions:F2} ms | " +
            $"{emulator.MemoryMiB():F0} MiB | {Environment.WorkingSet / 1048576.0:F0} MiB | {LoadAverage()} |"));
        _reportedMinutes = virtualMinutes;
        _lastWall = wall;
        _lastEmulatorCpu = emulatorCpu;
        _lastBenchCpu = benchCpu;
    }

    public static void WriteHeader()
    {
        Console.WriteLine("| virtual time | wall so far | actions in period | wall for period | actions/s | emulator CPU / action | bench CPU / action | emulator RSS | bench RSS | load average |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
