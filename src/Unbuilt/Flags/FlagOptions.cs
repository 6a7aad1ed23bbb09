namespace Unbuilt.Flags;

/// The `Unbuilt:Flags` configuration section (environment: `Unbuilt__Flags__ReloadSeconds`).
public sealed class FlagOptions
{
    public const string Section = "Unbuilt:Flags";

    /// How often every node reloads its flags from the database even without an invalidation: the safety net for
    /// a lost message. Changes made through the API reach every node at once, not after this.
    public int ReloadSeconds { get; set; } = 30;
}
