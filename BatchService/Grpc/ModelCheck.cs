using Agentic.BatchService.Workflows;
using Agentic.WorkerDefaults.Llm;
using Grpc.Core;
using ApplicationFailureException = Temporalio.Exceptions.ApplicationFailureException;

namespace Agentic.BatchService.Grpc;

/// <summary>
/// Refuses, before a job starts, a model the gateway does not serve or one that cannot do the task: otherwise
/// every row would fail the same way (or, worse, an embedding model would answer chat rows).
/// </summary>
public sealed class ModelCheck(LlmGatewayModels models)
{
    public async Task<LlmGatewayModel> RequireAsync(BatchTaskSpec task, CancellationToken cancellationToken)
    {
        LlmGatewayModel? model;
        try
        {
            model = await models.FindAsync(task.Model, cancellationToken);
        }
        catch (ApplicationFailureException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"model: could not check '{task.Model}' with the gateway: {e.Message}"));
        }

        if (model is null)
        {
            throw StartBatchValidator.Invalid("model", $"the gateway does not serve a model '{task.Model}' (GET /v1/models lists those it does)");
        }

        var operation = task.Kind == BatchTaskKind.Embedding ? LlmGatewayModel.Embeddings : LlmGatewayModel.ChatCompletions;
        if (!model.Serves(operation))
        {
            throw StartBatchValidator.Invalid("model", $"'{task.Model}' does not serve {operation}, which a {task.Kind.ToString().ToLowerInvariant()} task needs; it serves {string.Join(" and ", model.Operations!)}");
        }

        return model;
    }
}
