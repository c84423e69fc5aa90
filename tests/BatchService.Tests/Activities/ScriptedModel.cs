using System.Collections.Concurrent;
using Agentic.BatchService.Activities;
using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Tests.Activities;

/// <summary>
/// A model whose answer per call is decided by a script, for unit tests of the row and batch logic
/// (the end-to-end tests use the gateway's simulated provider instead).
/// </summary>
public sealed class ScriptedModel(Func<string, int, CancellationToken, Task<RowModelResult>>? script = null) : IRowModel
{
    private readonly ConcurrentDictionary<string, int> _callsPerPrompt = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Prompt, IReadOnlyList<RowFeedback> Feedback)> _feedback = new();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyDictionary<string, int> CallsPerPrompt => _callsPerPrompt;

    /// <summary>The earlier answers and their problems each call was sent, in call order.</summary>
    public IReadOnlyList<(string Prompt, IReadOnlyList<RowFeedback> Feedback)> Feedback => [.. _feedback];

    public Task<RowModelResult> CallAsync(BatchTaskSpec task, string prompt, IReadOnlyList<RowFeedback> feedback, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        _feedback.Enqueue((prompt, [.. feedback]));
        var call = _callsPerPrompt.AddOrUpdate(prompt, 1, (_, n) => n + 1);
        return script is null
            ? Task.FromResult(new RowModelResult($"echo:{prompt}", null, prompt.Length, 5))
            : script(prompt, call, cancellationToken);
    }
}
