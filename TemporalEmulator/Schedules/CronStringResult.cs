using Temporalio.Api.Schedule.V1;

namespace Agentic.Emulator.Schedules;

/// <summary>What one cron string stands for: a calendar or an interval, and the time zone it named (or empty).</summary>
internal sealed record CronStringResult(StructuredCalendarSpec? Calendar, IntervalSpec? Interval, string TimeZone);
