using System.Text;
using Agentic.EvalService.Workflows;
using Microsoft.Extensions.AI;
using Temporalio.Activities;

namespace Agentic.EvalService.Activities;

/// <summary>Writes the output of a case through the gateway, with the model under test, when the dataset has none.</summary>
public sealed class AnswerActivities(IChatClient chat)
{
    [Activity]
    public async Task<GeneratedOutput> GenerateAsync(GenerateOutputInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var prompt = new StringBuilder();
        foreach (var document in input.Context)
        {
            prompt.Append("# Context\n").Append(document).Append("\n\n");
        }

        prompt.Append(input.Input);
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.User, prompt.ToString())],
            new ChatOptions { ModelId = input.Model },
            ActivityExecutionContext.Current.CancellationToken);
        return new GeneratedOutput(response.Text, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
    }
}
