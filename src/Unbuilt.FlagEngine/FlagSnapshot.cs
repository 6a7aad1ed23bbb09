using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Unbuilt.FlagEngine;

/// <summary>
/// Every flag at one moment, immutable once built. Readers share it without locks; a flag change builds a new
/// snapshot and swaps the reference.
/// </summary>
public sealed class FlagSnapshot
{
    private readonly FrozenDictionary<string, FlagState> byName;

    /// <summary>Builds a snapshot.</summary>
    /// <param name="flags">The flags; names must be unique (ordinal).</param>
    /// <exception cref="ArgumentException">Two flags have the same name.</exception>
    public FlagSnapshot(IEnumerable<FlagState> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var map = new Dictionary<string, FlagState>(StringComparer.Ordinal);
        foreach (FlagState flag in flags)
        {
            ArgumentNullException.ThrowIfNull(flag, nameof(flags));
            if (!map.TryAdd(flag.Name, flag))
            {
                throw new ArgumentException($"Flag '{flag.Name}' appears more than once.", nameof(flags));
            }
        }

        byName = map.ToFrozenDictionary(StringComparer.Ordinal);
        Flags = [.. map.Values.OrderBy(flag => flag.Name, StringComparer.Ordinal)];
    }

    /// <summary>A snapshot with no flags: every evaluation answers <see cref="EvaluationReason.FlagNotFound"/>.</summary>
    public static FlagSnapshot Empty { get; } = new([]);

    /// <summary>The flags, ordered by name (ordinal).</summary>
    public ImmutableArray<FlagState> Flags { get; }

    /// <summary>How many flags there are.</summary>
    public int Count => Flags.Length;

    /// <summary>
    /// The flag named <paramref name="name"/>, or <see langword="null"/>. A hot path may resolve a flag once per
    /// snapshot and evaluate the <see cref="FlagState"/> directly, skipping the name lookup.
    /// </summary>
    /// <param name="name">The flag name (ordinal, so case matters).</param>
    /// <returns>The flag, or <see langword="null"/> when there is none of that name.</returns>
    public FlagState? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>Looks a flag up by name.</summary>
    /// <param name="name">The flag name (ordinal).</param>
    /// <param name="flag">The flag, when found.</param>
    /// <returns>Whether the flag exists.</returns>
    public bool TryFind(string name, [NotNullWhen(true)] out FlagState? flag) => byName.TryGetValue(name, out flag);

    /// <summary>Evaluates the flag named <paramref name="name"/> for <paramref name="context"/>. Does not allocate.</summary>
    /// <param name="name">The flag name (ordinal).</param>
    /// <param name="context">Who is asking.</param>
    /// <returns>The answer and its reason.</returns>
    public Evaluation Evaluate(string name, in FlagContext context) => FlagEvaluator.Evaluate(Find(name), context);
}
