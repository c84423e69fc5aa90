using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Agentic.Emulator.Tests.Messages;

/// <summary>Collects items sent by signals and updates until "done"; answers queries about them.</summary>
[Workflow]
public class MessageWorkflow
{
    private readonly List<string> _items = [];
    private readonly string _owner;
    private bool _done;

    // Set before any handler runs: an update or signal can arrive in the very first workflow task.
    [WorkflowInit]
    public MessageWorkflow(MessageInput input) => _owner = input.Owner;

    [WorkflowRun]
    public async Task<MessageState> RunAsync(MessageInput input)
    {
        await Workflow.WaitConditionAsync(() => _done && Workflow.AllHandlersFinished);
        return State();
    }

    [WorkflowSignal]
    public Task AddAsync(MessageItem item)
    {
        if (item.Text == "done")
        {
            _done = true;
        }
        else
        {
            _items.Add(item.Text);
        }

        return Task.CompletedTask;
    }

    [WorkflowQuery]
    public MessageState GetState(StateQuery query) => State() with { Items = [.. _items.Select(i => query.Prefix + i)] };

    [WorkflowQuery]
    public MessageState Explode(StateQuery query) => throw new InvalidOperationException($"query exploded: {query.Prefix}");

    [WorkflowUpdate]
    public Task<MessageState> AddItemAsync(MessageItem item)
    {
        _items.Add(item.Text);
        return Task.FromResult(State());
    }

    [WorkflowUpdateValidator(nameof(AddItemAsync))]
    public void ValidateAddItem(MessageItem item)
    {
        if (string.IsNullOrWhiteSpace(item.Text))
        {
            throw new ApplicationFailureException("item text must not be empty", "InvalidItem");
        }
    }

    [WorkflowUpdate]
    public async Task<MessageState> WaitForItemsAsync(WaitForItemsUpdate update)
    {
        await Workflow.WaitConditionAsync(() => _items.Count >= update.Count);
        return State();
    }

    [WorkflowUpdate]
    public Task<MessageState> RefuseAsync(MessageItem item) =>
        throw new ApplicationFailureException($"refused {item.Text}", "Refused");

    private MessageState State() => new(_owner, [.. _items], _done);
}
