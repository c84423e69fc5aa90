using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;

namespace Agentic.Emulator.Executions;

/// <summary>Temporal's retry rules, shared by activities and workflows.</summary>
internal static class RetryPolicies
{
    /// <summary>Fills the server defaults a command leaves out: 1 s initial, coefficient 2, cap 100 x initial.</summary>
    public static RetryPolicy WithDefaults(RetryPolicy? policy)
    {
        var filled = policy?.Clone() ?? new RetryPolicy();
        if (filled.InitialInterval is null || filled.InitialInterval.ToTimeSpan() <= TimeSpan.Zero)
        {
            filled.InitialInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1));
        }

        if (filled.BackoffCoefficient < 1)
        {
            filled.BackoffCoefficient = 2;
        }

        if (filled.MaximumInterval is null || filled.MaximumInterval.ToTimeSpan() <= TimeSpan.Zero)
        {
            filled.MaximumInterval = Duration.FromTimeSpan(filled.InitialInterval.ToTimeSpan() * 100);
        }

        return filled;
    }

    /// <summary>
    /// The delay before attempt <paramref name="attempt"/> + 1, or the retry state that says why there is none.
    /// A failure's own next-retry delay wins over the policy's backoff.
    /// </summary>
    public static (TimeSpan? Delay, RetryState State) Next(RetryPolicy? policy, int attempt, Failure? failure, DateTime now, DateTime? deadline)
    {
        if (policy is null)
        {
            return (null, RetryState.RetryPolicyNotSet);
        }

        var application = failure?.ApplicationFailureInfo;
        if (application is not null
            && (application.NonRetryable || policy.NonRetryableErrorTypes.Contains(application.Type)))
        {
            return (null, RetryState.NonRetryableFailure);
        }

        if (failure?.TerminatedFailureInfo is not null || failure?.CanceledFailureInfo is not null)
        {
            return (null, RetryState.NonRetryableFailure);
        }

        if (policy.MaximumAttempts > 0 && attempt >= policy.MaximumAttempts)
        {
            return (null, RetryState.MaximumAttemptsReached);
        }

        TimeSpan delay;
        if (application?.NextRetryDelay is { } next && next.ToTimeSpan() > TimeSpan.Zero)
        {
            delay = next.ToTimeSpan();
        }
        else
        {
            var initial = policy.InitialInterval.ToTimeSpan();
            var scaled = initial.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, attempt - 1);
            var max = policy.MaximumInterval.ToTimeSpan().TotalMilliseconds;
            delay = TimeSpan.FromMilliseconds(Math.Min(scaled, max));
        }

        if (deadline is { } limit && now + delay >= limit)
        {
            return (null, RetryState.Timeout);
        }

        return (delay, RetryState.InProgress);
    }
}
