namespace Agentic.Emulator.Schedules;

/// <summary>One action time: the spec's nominal time (which names the workflow) and the jittered time it runs at.</summary>
internal readonly record struct ScheduleTime(DateTime Nominal, DateTime Actual);
