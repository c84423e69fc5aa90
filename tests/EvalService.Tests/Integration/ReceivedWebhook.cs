namespace Agentic.EvalService.Tests.Integration;

public sealed record ReceivedWebhook(string Timestamp, string Signature, byte[] Body);
