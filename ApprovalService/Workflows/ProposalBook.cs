namespace Agentic.ApprovalService.Workflows;

/// <summary>
/// The items of one proposal and the rules for changing them: deterministic, no I/O, so the workflow can use it
/// and tests can check the rules directly. Every change raises <see cref="Version"/>.
/// </summary>
public sealed class ProposalBook(NodeSnapshot node, IReadOnlyList<ProposalItem> items, long version, bool stale)
{
    private readonly List<ProposalItem> _items = [.. items];

    public NodeSnapshot Node { get; private set; } = node;

    public IReadOnlyList<ProposalItem> Items => _items;

    public long Version { get; private set; } = version;

    public bool Stale { get; private set; } = stale;

    public int Pending => _items.Count(item => item.Status == ItemStatus.Pending);

    /// <summary>A new proposal: one pending item per blank description, inherited text where upstream had it.</summary>
    public static ProposalBook Open(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new ProposalBook(node, BlankItems(node), 1, false);
    }

    /// <summary>Items the LLM still has to draft (blank and not inherited).</summary>
    public IReadOnlyList<ProposalItem> NeedingDraft() =>
        _items.Where(item => item.Status == ItemStatus.Pending && item.Origin != DescriptionOrigin.Inherited
            && (item.Origin == DescriptionOrigin.None || Stale)).ToList();

    public void ApplyDrafts(IReadOnlyDictionary<string, string> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Status == ItemStatus.Pending && drafts.TryGetValue(_items[i].Key, out var text))
            {
                _items[i] = _items[i] with { DraftText = text, Origin = DescriptionOrigin.Llm };
            }
        }

        Stale = false;
        Version++;
    }

    /// <summary>Why <paramref name="update"/> must be refused, or null when it may be applied.</summary>
    public DecisionRefusal? Refusal(DecideUpdate update, bool open)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Refusal(update.Reviewer, update.ExpectedVersion, open) is { } refusal)
        {
            return refusal;
        }

        if (update.ApproveAll)
        {
            if (update.Decisions.Count > 0)
            {
                return DecisionRefusal.Invalid("approve_all takes no per-item decisions");
            }

            return Pending == 0 ? DecisionRefusal.Invalid("no item is pending") : null;
        }

        if (update.Decisions.Count == 0)
        {
            return DecisionRefusal.Invalid("decisions: at least one decision is required");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decision in update.Decisions)
        {
            var key = decision.Column ?? string.Empty;
            var label = key.Length == 0 ? "the table description" : $"column '{key}'";
            var item = _items.FirstOrDefault(candidate => candidate.Key == key);
            if (item is null)
            {
                return DecisionRefusal.Invalid(key.Length == 0 ? "the table description is not part of this proposal" : $"unknown column '{key}' on {Node.Name}");
            }

            if (!seen.Add(key))
            {
                return DecisionRefusal.Invalid($"{label} is decided twice");
            }

            if (item.Status != ItemStatus.Pending)
            {
                return DecisionRefusal.Invalid($"{label} is already {item.Status.ToString().ToLowerInvariant()}");
            }

            switch (decision.Kind)
            {
                case ReviewDecision.Approve when string.IsNullOrWhiteSpace(item.DraftText):
                    return DecisionRefusal.Invalid($"{label} has no draft to approve; edit it instead");
                case ReviewDecision.Edit when string.IsNullOrWhiteSpace(decision.Text):
                    return DecisionRefusal.Invalid($"empty text for {label}");
                case ReviewDecision.Reject when string.IsNullOrWhiteSpace(decision.Reason):
                    return DecisionRefusal.Invalid($"a rejection of {label} needs a reason");
                case ReviewDecision.None:
                    return DecisionRefusal.Invalid($"no decision kind for {label}");
            }
        }

        return null;
    }

    /// <summary>Why a redraft must be refused, or null.</summary>
    public DecisionRefusal? Refusal(RegenerateUpdate update, bool open)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Refusal(update.Reviewer, update.ExpectedVersion, open) is { } refusal)
        {
            return refusal;
        }

        return _items.Any(item => item.Status == ItemStatus.Pending && item.Origin != DescriptionOrigin.Inherited)
            ? null
            : DecisionRefusal.Invalid("no pending item has an LLM draft to redo");
    }

    /// <summary>Applies checked decisions; returns the items as decided (for the audit).</summary>
    public IReadOnlyList<ProposalItem> Apply(DecideUpdate update, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(update);
        var decisions = update.ApproveAll
            ? _items.Where(item => item.Status == ItemStatus.Pending)
                .Select(item => new ItemDecisionInput(item.Column, ReviewDecision.Approve, null, null)).ToList()
            : update.Decisions;
        var decided = new List<ProposalItem>();
        foreach (var decision in decisions)
        {
            var index = _items.FindIndex(item => item.Key == (decision.Column ?? string.Empty));
            var item = _items[index];
            item = decision.Kind switch
            {
                ReviewDecision.Approve => item with { Status = ItemStatus.Approved, FinalText = item.DraftText },
                ReviewDecision.Edit => item with { Status = ItemStatus.Approved, FinalText = decision.Text!.Trim() },
                _ => item with { Status = ItemStatus.Rejected, FinalText = null, Reason = decision.Reason!.Trim() },
            };
            item = item with { Decision = decision.Kind, Reviewer = update.Reviewer.Name, DecidedAt = now };
            _items[index] = item;
            decided.Add(item);
        }

        Version++;
        return decided;
    }

    /// <summary>
    /// Merges a newer import. Decided items stay as people left them; pending items the project has since described
    /// leave the proposal; new blank columns join it; a changed upstream marks LLM drafts stale.
    /// </summary>
    public void Merge(NodeSnapshot newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        var blank = BlankItems(newer).ToDictionary(item => item.Key, StringComparer.Ordinal);
        _items.RemoveAll(item => item.Status == ItemStatus.Pending && !blank.ContainsKey(item.Key));
        foreach (var item in blank.Values.Where(item => _items.All(existing => existing.Key != item.Key)))
        {
            _items.Add(item);
        }

        if (newer.UpstreamFingerprint != Node.UpstreamFingerprint
            && _items.Any(item => item.Status == ItemStatus.Pending && item.Origin == DescriptionOrigin.Llm))
        {
            Stale = true;
        }

        Node = newer;
        Version++;
    }

    /// <summary>Approved items leave for a pull request.</summary>
    public IReadOnlyList<ProposalItem> TakeApproved()
    {
        var taken = new List<ProposalItem>();
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Status == ItemStatus.Approved)
            {
                _items[i] = _items[i] with { Status = ItemStatus.InPullRequest };
                taken.Add(_items[i]);
            }
        }

        Version++;
        return taken;
    }

    /// <summary>A merged pull request ships its items; a closed one sends them back to people.</summary>
    public void Close(PullRequestClosedSignal closed)
    {
        ArgumentNullException.ThrowIfNull(closed);
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Status == ItemStatus.InPullRequest && closed.Keys.Contains(_items[i].Key))
            {
                _items[i] = closed.Merged
                    ? _items[i] with { Status = ItemStatus.Shipped }
                    : _items[i] with { Status = ItemStatus.Pending, Decision = ReviewDecision.None, FinalText = null, Reviewer = null, DecidedAt = null };
            }
        }

        Version++;
    }

    public void ExpirePending()
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (_items[i].Status == ItemStatus.Pending)
            {
                _items[i] = _items[i] with { Status = ItemStatus.Expired };
            }
        }

        Version++;
    }

    private DecisionRefusal? Refusal(Reviewer reviewer, long expectedVersion, bool open)
    {
        if (string.IsNullOrWhiteSpace(reviewer.Name))
        {
            return DecisionRefusal.Invalid("reviewer: a reviewer is required");
        }

        if (!reviewer.IsAdmin && !reviewer.Groups.Contains(Node.OwnerGroup, StringComparer.OrdinalIgnoreCase))
        {
            return new DecisionRefusal("not-allowed", $"reviewer '{reviewer.Name}' is not allowed: only group '{Node.OwnerGroup}' or an admin decides on {Node.Name}");
        }

        if (expectedVersion != 0 && expectedVersion != Version)
        {
            return new DecisionRefusal("stale", $"stale version: decided on version {expectedVersion}, the proposal is at version {Version}; reload it");
        }

        return open ? null : new DecisionRefusal("closed", "the proposal is not open for decisions");
    }

    private static List<ProposalItem> BlankItems(NodeSnapshot node)
    {
        var items = new List<ProposalItem>();
        if (string.IsNullOrWhiteSpace(node.TableDescription))
        {
            items.Add(new ProposalItem(null, null, string.Empty, string.Empty, DescriptionOrigin.None, null, ItemStatus.Pending));
        }

        foreach (var column in node.Columns.Where(column => string.IsNullOrWhiteSpace(column.Description)))
        {
            var inherited = node.Inherited.FirstOrDefault(candidate => candidate.Column == column.Name);
            items.Add(inherited is null
                ? new ProposalItem(column.Name, column.DataType, string.Empty, string.Empty, DescriptionOrigin.None, null, ItemStatus.Pending)
                : new ProposalItem(column.Name, column.DataType, string.Empty, inherited.Text, DescriptionOrigin.Inherited, inherited.From, ItemStatus.Pending));
        }

        return items;
    }
}
