using Agentic.ApprovalService.Manifest;
using Agentic.ApprovalService.Options;
using Agentic.ApprovalService.Planning;

namespace Agentic.ApprovalService.Tests.Planning;

public class ProposalPlannerTests
{
    private static ProposalPlanner Planner(int maxChars = 12_000) =>
        new(new OwnerResolver(new ApprovalOptions()), new DraftContextBuilder(maxChars));

    [Fact]
    public async Task Plan_JaffleShopV12_OneProposalPerNodeWithBlanks()
    {
        var manifest = await DbtManifestReader.ReadAsync(JaffleShop.ManifestV12, null);

        var plan = Planner().Plan(manifest);

        Assert.Equal(13, plan.Models);
        Assert.Equal(48, plan.Columns);
        Assert.Equal(32, plan.BlankDescriptions); // 25 model columns, 1 source, 6 seeds
        Assert.Equal(13, plan.Proposals.Count);
    }

    [Fact]
    public async Task Plan_JaffleShopV4_CountsBlanks()
    {
        var manifest = await DbtManifestReader.ReadAsync(JaffleShop.ManifestV4, null);

        var plan = Planner().Plan(manifest);

        Assert.Equal(12, plan.BlankDescriptions); // 4 models, 5 columns, 3 seeds
        Assert.Equal(7, plan.Proposals.Count);
    }

    [Fact]
    public async Task Plan_ColumnPassedThroughUnchanged_InheritsUpstreamDescription()
    {
        var manifest = await DbtManifestReader.ReadAsync(JaffleShop.ManifestV12, JaffleShop.Catalog);

        var plan = Planner().Plan(manifest);

        var orderItems = plan.Proposals.Single(node => node.UniqueId == "model.jaffle_shop.order_items");
        var inherited = orderItems.Inherited.Single(item => item.Column == "order_item_id");
        Assert.Equal("model.jaffle_shop.stg_order_items.order_item_id", inherited.From);
        Assert.Equal(
            manifest.Nodes["model.jaffle_shop.stg_order_items"].Columns.Single(c => c.Name == "order_item_id").Description.Trim(),
            inherited.Text);
        // A column no ancestor describes is left to the LLM.
        Assert.DoesNotContain(orderItems.Inherited, item => item.Column == "is_food_item");
    }

    [Fact]
    public void Inheritance_TypeChangedOnTheWay_NotInherited()
    {
        var parent = Node("model.p.parent", [], new DbtColumn("amount", "Amount in cents", "INTEGER", false));
        var child = Node("model.p.child", ["model.p.parent"], new DbtColumn("amount", string.Empty, "DECIMAL", false));
        var manifest = new DbtManifest("p", 12, new Dictionary<string, DbtNode> { [parent.UniqueId] = parent, [child.UniqueId] = child });

        Assert.Empty(ColumnInheritance.For(child, manifest));
    }

    [Fact]
    public void Fit_OverBudget_TrimsLargestPartFirstAndSaysSo()
    {
        var builder = new DraftContextBuilder(2_000);
        var parts = new[]
        {
            new ContextPart("columns", new string('c', 300)),
            new ContextPart("SQL", new string('s', 10_000)),
            new ContextPart("parents", new string('p', 500)),
        };

        var context = builder.Fit("model m", parts);

        Assert.True(context.Text.Length <= 2_000, $"context is {context.Text.Length} characters");
        Assert.Contains(new string('c', 300), context.Text, StringComparison.Ordinal);
        Assert.Contains(new string('p', 500), context.Text, StringComparison.Ordinal);
        var note = Assert.Single(context.Notes);
        Assert.StartsWith("SQL trimmed from 10,000 to", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_WithinBudget_NoNotes()
    {
        var context = new DraftContextBuilder(2_000).Fit("model m", [new ContextPart("SQL", "select 1")]);

        Assert.Empty(context.Notes);
        Assert.Contains("select 1", context.Text, StringComparison.Ordinal);
    }

    private static DbtNode Node(string id, IReadOnlyList<string> parents, params DbtColumn[] columns) =>
        new(id, "model", id.Split('.')[^1], "x", null, null, "select 1", null, columns, parents);
}
