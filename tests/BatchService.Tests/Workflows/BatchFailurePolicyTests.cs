using Agentic.BatchService.Workflows;

namespace Agentic.BatchService.Tests.Workflows;

public class BatchFailurePolicyTests
{
    private static readonly BatchFailurePolicy Policy = new(AllFailedRows: 100, MaxFailedShare: 0.5, MinRowsForShare: 1000);

    [Fact]
    public void Breach_FirstRowsAllFailed_StopsNamingTheMostCommonError()
    {
        var totals = new BatchTotals(0, 100, 0, 0, 0, 2,
            [new RowErrorCount("LlmBadRequest", 400, "bad", 10), new RowErrorCount("missing_field", null, "no field 'x'", 90)]);
        var merged = BatchTotals.Empty.Add(new BatchPartResult(0, 100, 0, 100, 0, 0, 0, "p", 1, 0, false, totals.Errors));

        var reason = Policy.Breach(merged with { Succeeded = 0, Failed = 100 });

        Assert.Equal("stopped: the first 100 rows all failed; most common error: missing_field in 90 rows: no field 'x'", reason);
    }

    [Theory]
    [InlineData(1, 99, null)]
    [InlineData(0, 99, null)]
    [InlineData(500, 499, null)]
    [InlineData(499, 501, "501 of 1000 rows failed")]
    [InlineData(10, 800, null)]
    public void Breach_Shares_StopOnlyPastTheLimitAfterEnoughRows(long succeeded, long failed, string? expected)
    {
        var reason = Policy.Breach(new BatchTotals(succeeded, failed, 0, 0, 0, 1));

        if (expected is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(expected, reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Breach_RulesOff_NeverStops() =>
        Assert.Null(new BatchFailurePolicy(0, 0, 1).Breach(new BatchTotals(0, 1_000_000, 0, 0, 0, 1)));
}
