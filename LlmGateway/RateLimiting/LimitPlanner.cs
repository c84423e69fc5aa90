namespace Agentic.LlmGateway.RateLimiting;

/// <summary>
/// Turns a call into the limits it must pass, with Redis keys that all share one hash tag so a decision is
/// one script on one Redis Cluster slot: <c>{m:model}</c>, or <c>{g}</c> for every key when a global limit
/// exists (a global limit ties every model to one slot; that is the price of checking it atomically).
/// </summary>
internal sealed class LimitPlanner(RateLimitingOptions options)
{
    private const double MicrosPerMinute = 60_000_000;

    private readonly bool _hasGlobal = options.Global.RequestsPerMinute > 0 || options.Global.TokensPerMinute > 0;

    public RateLimitingOptions Options => options;

    public IReadOnlyList<LimitSpec> Plan(string caller, string model, string priorityClass, long tokens)
    {
        var specs = new List<LimitSpec>(6);
        var tag = HashTag(model);
        var prefix = $"{options.KeyPrefix}:{tag}";
        var callerLimits = CallerLimits(caller, model);
        var modelLimits = ModelLimits(model);
        var share = string.Equals(priorityClass, options.InteractivePriorityClass, StringComparison.OrdinalIgnoreCase)
            ? 0
            : modelLimits.InteractiveReservedShare ?? options.InteractiveReservedShare;

        var callerKey = $"{prefix}:c:{Sanitize(caller)}{(_hasGlobal ? ":" + Sanitize(model) : string.Empty)}";
        Add(specs, callerKey, "caller-model", callerLimits.Requests, callerLimits.Tokens, 0, tokens);
        var modelKey = _hasGlobal ? $"{prefix}:m:{Sanitize(model)}" : $"{prefix}:m";
        Add(specs, modelKey, "model", modelLimits.RequestsPerMinute, modelLimits.TokensPerMinute, share, tokens);
        Add(specs, $"{prefix}:g", "global", options.Global.RequestsPerMinute, options.Global.TokensPerMinute, share, tokens);
        return specs;
    }

    /// <summary>The key Redis keeps the client-clock anchor under; it shares the decision's hash tag.</summary>
    public string ClockKey(string model) => $"{options.KeyPrefix}:{HashTag(model)}:clock";

    public RateLimitFailurePolicy FailurePolicy(string model) => ModelLimits(model).FailurePolicy ?? options.FailurePolicy;

    public TimeSpan MaxQueueWait(string caller) =>
        options.Callers.TryGetValue(caller, out var c) && c.MaxQueueWait is { } wait ? wait : options.MaxQueueWait;

    private string HashTag(string model) => _hasGlobal ? "{g}" : $"{{m:{Sanitize(model)}}}";

    private ModelRateLimitOptions ModelLimits(string model) =>
        options.Models.TryGetValue(model, out var limits) ? limits : options.DefaultModel;

    private (long Requests, long Tokens) CallerLimits(string caller, string model)
    {
        if (options.Callers.TryGetValue(caller, out var c))
        {
            if (c.Models.TryGetValue(model, out var perModel))
            {
                return (perModel.RequestsPerMinute, perModel.TokensPerMinute);
            }

            return (c.RequestsPerMinute ?? options.CallerDefaults.RequestsPerMinute, c.TokensPerMinute ?? options.CallerDefaults.TokensPerMinute);
        }

        return (options.CallerDefaults.RequestsPerMinute, options.CallerDefaults.TokensPerMinute);
    }

    private void Add(List<LimitSpec> specs, string key, string scope, long requestsPerMinute, long tokensPerMinute, double share, long tokens)
    {
        if (requestsPerMinute > 0)
        {
            specs.Add(Spec(key + ":r", scope, LimitDimension.Requests, requestsPerMinute, share, 1));
        }

        if (tokensPerMinute > 0)
        {
            specs.Add(Spec(key + ":t", scope, LimitDimension.Tokens, tokensPerMinute, share, tokens));
        }
    }

    private LimitSpec Spec(string key, string scope, LimitDimension dimension, long perMinute, double share, long cost)
    {
        var interval = MicrosPerMinute / perMinute;
        // Burst in units, at least one so a limit below one unit per burst window still admits something.
        var burst = Math.Max(1, perMinute * options.BurstSeconds / 60.0);
        var capacityUnits = Math.Max(1, (long)Math.Floor(burst * (1 - share)));
        return new LimitSpec(key, scope, dimension, interval, capacityUnits * interval, capacityUnits, cost);
    }

    // Braces would break the hash tag and colons the key layout; callers and models rarely contain either.
    private static string Sanitize(string name) =>
        name.AsSpan().IndexOfAny("{}: ") < 0 ? name : name.Replace('{', '(').Replace('}', ')').Replace(':', '_').Replace(' ', '_');
}
