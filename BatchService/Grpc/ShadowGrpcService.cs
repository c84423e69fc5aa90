using Agentic.Batch.V1;
using Agentic.BatchService.Options;
using Agentic.BatchService.Output;
using Agentic.WorkerDefaults.Llm;
using Grpc.Core;
using Microsoft.Extensions.Options;
using ApplicationFailureException = Temporalio.Exceptions.ApplicationFailureException;

namespace Agentic.BatchService.Grpc;

/// <summary>The gRPC face of shadow comparisons; the work happens in <see cref="Workflows.ShadowComparisonWorkflow"/>.</summary>
internal sealed class ShadowGrpcService(
    ShadowJobClient jobs, LlmGatewayModels models, IOptions<ShadowOptions> options, IOptions<BatchOptions> batchOptions)
    : ShadowComparisonService.ShadowComparisonServiceBase
{
    public override async Task<StartShadowComparisonResponse> StartShadowComparison(StartShadowComparisonRequest request, ServerCallContext context)
    {
        var input = ShadowRequestValidator.Validate(request, options.Value, batchOptions.Value);
        var cancellationToken = context.CancellationToken;
        await RequireModelAsync(input.EmbeddingModel, LlmGatewayModel.Embeddings, "embedding_model", cancellationToken);
        await RequireModelAsync(input.JudgeModel, LlmGatewayModel.ChatCompletions, "judge_model", cancellationToken);
        var started = false;
        if (await jobs.FindRequestAsync(input.JobId, cancellationToken) is { } existing)
        {
            RequireSame(existing, input);
        }
        else
        {
            try
            {
                OutputFolderClaim.Claim(input.OutputLocation, input.JobId);
            }
            catch (OutputFolderTakenException e)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"output_location: {e.Message}"));
            }

            started = await jobs.StartAsync(input, cancellationToken);
            if (!started && await jobs.FindRequestAsync(input.JobId, cancellationToken) is { } raced)
            {
                RequireSame(raced, input);
            }
        }

        return new StartShadowComparisonResponse { JobId = input.JobId, AlreadyExisted = !started, WorkflowId = ShadowJobClient.WorkflowId(input.JobId) };
    }

    public override async Task<ShadowComparisonStatus> GetShadowComparison(GetShadowComparisonRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.JobId))
        {
            throw StartBatchValidator.Invalid("job_id", "is required");
        }

        var progress = await jobs.GetAsync(request.JobId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"shadow comparison '{request.JobId}' not found"));
        return ShadowStatusMapper.ToStatus(progress);
    }

    private static void RequireSame(Workflows.ShadowComparisonInput existing, Workflows.ShadowComparisonInput input)
    {
        if (existing != input)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists,
                $"job_id: shadow comparison '{input.JobId}' already exists with a different request"));
        }
    }

    private async Task RequireModelAsync(string? name, string operation, string field, CancellationToken cancellationToken)
    {
        if (name is null)
        {
            return;
        }

        LlmGatewayModel? model;
        try
        {
            model = await models.FindAsync(name, cancellationToken);
        }
        catch (ApplicationFailureException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"{field}: could not check '{name}' with the gateway: {e.Message}"));
        }

        if (model is null)
        {
            throw StartBatchValidator.Invalid(field, $"the gateway does not serve a model '{name}'");
        }

        if (!model.Serves(operation))
        {
            throw StartBatchValidator.Invalid(field, $"'{name}' does not serve {operation}");
        }
    }
}
