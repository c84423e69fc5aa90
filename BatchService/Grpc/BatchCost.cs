using Agentic.BatchService.Workflows;
using Agentic.WorkerDefaults.Llm;

namespace Agentic.BatchService.Grpc;

/// <summary>Gives a job the gateway's price for its model, which its cost (and cost budget) is counted in.</summary>
internal static class BatchCost
{
    public static BatchJobInput Priced(BatchJobInput input, LlmGatewayModel model)
    {
        if (input.CostBudget is not null && model.Price is null)
        {
            throw StartBatchValidator.Invalid("cost_budget_usd", $"the gateway has no price for '{model.Id}' (LlmGateway:Models:{model.Id}:Price), so no cost can be counted against a budget");
        }

        return input with { Price = model.Price };
    }
}
