namespace Agentic.BatchService;

/// <summary>Log messages of the batch service (source-generated, cheap when disabled).</summary>
internal static partial class BatchLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {Job}/{Part} attempt {Attempt} resumes after row {Rows} of {Total}")]
    public static partial void PartResumed(ILogger logger, string job, int part, int attempt, int rows, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Part file {Path} has {Rows} of {Expected} rows; redoing the batch")]
    public static partial void PartFileIncomplete(ILogger logger, string path, int rows, int expected);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Progress query for job {Job} failed")]
    public static partial void ProgressQueryFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Temporal cannot list workflows ({Code}); listing the jobs started here")]
    public static partial void ListUnavailable(ILogger logger, Temporalio.Exceptions.RpcException.StatusCode code);
}
