using System.Text;
using Agentic.EvalService.Suites;
using Agentic.EvalService.Workflows;

namespace Agentic.EvalService.Activities;

/// <summary>The words a judge model sees: its rubric, what to answer, then the case.</summary>
public static class JudgePrompt
{
    public static string System(JudgeSpec judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var task = judge.Output switch
        {
            JudgeOutput.PassFail => "Answer with JSON: {\"pass\": true or false, \"reason\": one sentence}.",
            JudgeOutput.Pairwise => "Two outputs answer the same instruction. Answer with JSON: {\"choice\": 1 or 2 (the better output), \"reason\": one sentence}.",
            _ => "Answer with JSON: {\"score\": a whole number from 0 (worst) to 10 (best), \"reason\": one sentence}.",
        };
        return $"You are an impartial evaluator.\n{judge.Rubric.Trim()}\n{task}";
    }

    public static string Case(JudgeCallInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = new StringBuilder();
        if (input.CaseTag is { Length: > 0 } tag)
        {
            text.Append('[').Append(tag).Append("]\n\n");
        }

        foreach (var document in input.Context)
        {
            text.Append("# Context\n").Append(document).Append("\n\n");
        }

        text.Append("# Instruction\n").Append(input.UserRequest).Append("\n\n");
        if (input.Second is null)
        {
            text.Append("# Answer\n").Append(input.First).Append('\n');
        }
        else
        {
            text.Append("# Output (1)\n").Append(input.First).Append("\n\n# Output (2)\n").Append(input.Second).Append('\n');
        }

        return text.ToString();
    }
}
