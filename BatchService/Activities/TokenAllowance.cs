namespace Agentic.BatchService.Activities;

/// <summary>
/// The tokens a batch may spend. A row reserves an upper bound of its cost before its call and settles
/// to the real usage afterwards, so rows in flight together can never overshoot the allowance.
/// </summary>
public sealed class TokenAllowance(long? limit, long alreadySpent)
{
    private readonly Lock _lock = new();
    private long _spent = alreadySpent;
    private long _reserved;

    public bool Exhausted { get; private set; }

    public bool TryReserve(long estimate)
    {
        if (limit is null)
        {
            return true;
        }

        lock (_lock)
        {
            if (Exhausted || _spent + _reserved + estimate > limit)
            {
                // Later rows are skipped too, so a batch stops at one point instead of leaving holes.
                Exhausted = true;
                return false;
            }

            _reserved += estimate;
            return true;
        }
    }

    /// <summary>Marks the allowance spent: a batch resumed after its budget ran out skips its remaining rows.</summary>
    public void ExhaustNow()
    {
        lock (_lock)
        {
            Exhausted = true;
        }
    }

    public void Settle(long estimate, long actual)
    {
        if (limit is null)
        {
            return;
        }

        lock (_lock)
        {
            _reserved -= estimate;
            _spent += actual;
        }
    }
}
