namespace Unbuilt.LoadTest;

public enum UserAction { LoadPlan, EditTask, ToggleTask, MoveTask, ReorderPhase, Export }

/// The weighted mix of what a virtual user does next, dealt from shuffled decks of 20 so the proportions hold even
/// in a short run. Each deck starts with one of every action (in random order), so every action is measured early.
/// With --only the deck holds just the actions of that operation (task_updated: edits and status toggles, 5 to 4).
public sealed class OperationMix
{
    private static readonly (UserAction Action, int Weight)[] Weights =
    [
        (UserAction.LoadPlan, 6), (UserAction.EditTask, 5), (UserAction.ToggleTask, 4), (UserAction.MoveTask, 3),
        (UserAction.ReorderPhase, 1), (UserAction.Export, 1),
    ];

    /// The operations --only takes: those a user's action records (not live delivery).
    public static IReadOnlyList<string> Operations { get; } = [.. Weights.Select(w => OperationOf(w.Action)).Distinct()];

    private readonly Random random;
    private readonly (UserAction Action, int Weight)[] weights;
    private readonly Queue<UserAction> deck = new();

    /// <param name="only">An operation name from <see cref="Operations"/>, or null for the whole mix.</param>
    public OperationMix(Random random, string? only = null)
    {
        this.random = random;
        weights = only is null ? Weights : [.. Weights.Where(w => OperationOf(w.Action) == only)];
        if (weights.Length == 0) throw new ArgumentException($"No action records {only}.", nameof(only));
    }

    /// The operation an action is recorded as. A move with nowhere new to go, or a reorder of a plan with no phase
    /// of two tasks, loads the plan instead; the plans the load test builds never come to that.
    public static string OperationOf(UserAction action) => action switch
    {
        UserAction.LoadPlan => RunResults.PlanLoaded,
        UserAction.EditTask or UserAction.ToggleTask => RunResults.TaskUpdated,
        UserAction.MoveTask => RunResults.TaskMoved,
        UserAction.ReorderPhase => RunResults.TasksReordered,
        _ => RunResults.ExportGenerated,
    };

    /// What a run with this --only measures and judges: the operation, and live delivery when it is a change (a
    /// change sends a live update; a plan load or an export does not). Null: everything.
    public static IReadOnlyList<string> Measured(string? only) =>
        only is null ? RunResults.Operations
        : only is RunResults.PlanLoaded or RunResults.ExportGenerated ? [only]
        : [only, RunResults.LiveUpdate, RunResults.LiveAfterAnswer];

    public UserAction Next()
    {
        if (deck.Count == 0) Deal();
        return deck.Dequeue();
    }

    private void Deal()
    {
        var first = weights.Select(w => w.Action).ToArray();
        var rest = weights.SelectMany(w => Enumerable.Repeat(w.Action, w.Weight - 1)).ToArray();
        random.Shuffle(first);
        random.Shuffle(rest);
        foreach (var action in first.Concat(rest)) deck.Enqueue(action);
    }
}
