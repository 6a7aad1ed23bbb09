namespace Unbuilt.Flags;

/// The `Unbuilt:Flags` configuration section (environment: `Unbuilt__Flags__ReloadSeconds`).
public sealed class FlagOptions
{
    public const string Section = "Unbuilt:Flags";

    /// How often every node reloads its flags from the database even without an invalidation: the safety net for
    /// a lost message. Changes made through the API reach every node at once, not after this.
    public int ReloadSeconds { get; set; } = 30;

    /// An archived flag may be deleted once nothing has evaluated it for this many days.
    public int DeleteAfterUnusedDays { get; set; } = 7;

    /// How often this node writes the flags' last-evaluated times from memory to the database (and on shutdown).
    public int UsageFlushSeconds { get; set; } = 60;

    /// A flag settled at 100 % for all tiers, or off, for this many days is marked ready to remove from the code.
    public int ReadyToRemoveAfterDays { get; set; } = 14;
}
