using Agentic.ApprovalService.Workflows;

namespace Agentic.ApprovalService.Tests.Workflows;

public class ProposalBookTests
{
    private static readonly Reviewer Owner = new("ada", ["finance"], false);

    private static NodeSnapshot Node(string fingerprint = "f1") => new(
        "model.p.orders", "orders", "model", "finance", "models/orders.sql", "models/schema.yml", string.Empty,
        [new ColumnSnapshot("id", "INTEGER", "Key"), new ColumnSnapshot("amount", null, string.Empty), new ColumnSnapshot("status", null, string.Empty)],
        [new InheritedDescription("status", "Order status", "model.p.stg.status")],
        new DraftContext("ctx", []),
        fingerprint);

    private static ProposalBook Drafted()
    {
        var book = ProposalBook.Open(Node());
        book.ApplyDrafts(new Dictionary<string, string> { [string.Empty] = "All orders", ["amount"] = "Total" });
        return book;
    }

    [Fact]
    public void Open_BlankItemsOnly_InheritedMarked()
    {
        var book = ProposalBook.Open(Node());

        Assert.Equal([string.Empty, "amount", "status"], book.Items.Select(item => item.Key));
        Assert.Equal(DescriptionOrigin.Inherited, book.Items.Single(item => item.Key == "status").Origin);
        Assert.Equal([string.Empty, "amount"], book.NeedingDraft().Select(item => item.Key));
    }

    [Fact]
    public void Refusal_UnknownColumn_Invalid()
    {
        var refusal = Drafted().Refusal(Decide(new ItemDecisionInput("nope", ReviewDecision.Approve, null, null)), open: true);

        Assert.Equal("invalid", refusal?.Code);
        Assert.Contains("unknown column 'nope'", refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_EmptyEditText_Invalid()
    {
        var refusal = Drafted().Refusal(Decide(new ItemDecisionInput("amount", ReviewDecision.Edit, "  ", null)), open: true);

        Assert.Contains("empty text", refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_StaleVersion_Stale()
    {
        var book = Drafted();

        var refusal = book.Refusal(Decide(new ItemDecisionInput("amount", ReviewDecision.Approve, null, null)) with { ExpectedVersion = book.Version - 1 }, open: true);

        Assert.Equal("stale", refusal?.Code);
    }

    [Fact]
    public void Refusal_ReviewerOutsideOwnerGroup_NotAllowed()
    {
        var outsider = new Reviewer("eve", ["marketing"], false);

        var refusal = Drafted().Refusal(new DecideUpdate(outsider, 0, [], true), open: true);

        Assert.Equal("not-allowed", refusal?.Code);
        Assert.Null(Drafted().Refusal(new DecideUpdate(outsider with { IsAdmin = true }, 0, [], true), open: true));
    }

    [Fact]
    public void Refusal_RejectWithoutReason_Invalid()
    {
        var refusal = Drafted().Refusal(Decide(new ItemDecisionInput("amount", ReviewDecision.Reject, null, null)), open: true);

        Assert.Contains("needs a reason", refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_NewerImport_KeepsHumanEditsAndMarksStale()
    {
        var book = Drafted();
        book.Apply(Decide(new ItemDecisionInput("amount", ReviewDecision.Edit, "Amount in euros", null)), DateTime.UnixEpoch);

        book.Merge(Node("f2") with { Columns = [.. Node().Columns, new ColumnSnapshot("note", null, string.Empty)] });

        var amount = book.Items.Single(item => item.Key == "amount");
        Assert.Equal(ItemStatus.Approved, amount.Status);
        Assert.Equal("Amount in euros", amount.FinalText);
        Assert.True(book.Stale);
        Assert.Contains(book.Items, item => item.Key == "note" && item.Status == ItemStatus.Pending);
    }

    [Fact]
    public void Close_WithoutMerge_ReopensItems()
    {
        var book = Drafted();
        book.Apply(new DecideUpdate(Owner, 0, [], true), DateTime.UnixEpoch);
        var taken = book.TakeApproved();

        book.Close(new PullRequestClosedSignal("url", false, null, null, taken.Select(item => item.Key).ToList()));

        Assert.All(book.Items, item => Assert.Equal(ItemStatus.Pending, item.Status));
    }

    private static DecideUpdate Decide(params ItemDecisionInput[] decisions) => new(Owner, 0, decisions, false);
}
