
namespace Agentic.EvalService.Grpc;

/// <summary>What the live path logs: turn ids only, never the answer under evaluation.</summary>
internal static partial class TurnLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TurnId} closed before it heard that its caller was answered by the late policy; its own decision stands")]
    public static partial void LateAnswerAfterTurnClosed(this ILogger logger, string turnId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell turn {TurnId} that its caller was answered by the late policy; the turn applies the same policy at the same deadline")]
    public static partial void LateSignalFailed(this ILogger logger, Exception exception, string turnId);
}
