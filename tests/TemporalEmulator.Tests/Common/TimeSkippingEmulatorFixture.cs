namespace Agentic.Emulator.Tests.Common;

/// <summary>An emulator whose clock jumps to the next timer whenever no task is outstanding.</summary>
public sealed class TimeSkippingEmulatorFixture : EmulatorFixture
{
    protected override bool TimeSkipping => true;
}
