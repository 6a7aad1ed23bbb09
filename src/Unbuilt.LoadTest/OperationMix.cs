namespace Unbuilt.LoadTest;

public enum UserAction { LoadPlan, EditTask, ToggleTask, MoveTask, ReorderPhase, Export }

/// The weighted mix of what a virtual user does next, dealt from shuffled decks of 20 so the proportions hold even
/// in a short run. Each deck starts with one of every action (in random order), so every action is measured early.
public sealed class OperationMix(Random random)
{
    private static readonly (UserAction Action, int Weight)[] Weights =
    [
        (UserAction.LoadPlan, 6), (UserAction.EditTask, 5), (UserAction.ToggleTask, 4), (UserAction.MoveTask, 3),
        (UserAction.ReorderPhase, 1), (UserAction.Export, 1),
    ];

    private readonly Queue<UserAction> deck = new();

    public UserAction Next()
    {
        if (deck.Count == 0) Deal();
        return deck.Dequeue();
    }

    private void Deal()
    {
        var first = Weights.Select(w => w.Action).ToArray();
        var rest = Weights.SelectMany(w => Enumerable.Repeat(w.Action, w.Weight - 1)).ToArray();
        random.Shuffle(first);
        random.Shuffle(rest);
        foreach (var action in first.Concat(rest)) deck.Enqueue(action);
    }
}
