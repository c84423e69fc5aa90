namespace Agentic.LlmGateway.RateLimiting;

/// <summary>What a GCRA check answered for one decision: admitted or not, the wait (µs) and each limit's level (µs ahead of now).</summary>
internal readonly record struct GcraOutcome(bool Allowed, double RetryMicros, double[] Levels);
