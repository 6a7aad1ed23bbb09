namespace Unbuilt.Flags;

/// The `Unbuilt:Segments` configuration section (environment: `Unbuilt__Segments__MaxUserIds`): how large a segment
/// and a flag's segment list may grow. Every segment is held in each node's memory, so these bound that memory too.
public sealed class SegmentOptions
{
    public const string Section = "Unbuilt:Segments";

    /// The most users one segment may list by id.
    public int MaxUserIds { get; set; } = 10_000;

    /// The most email domains one segment may name.
    public int MaxEmailDomains { get; set; } = 50;

    /// The most segments one flag, or one phase of its plan, may target.
    public int MaxPerFlag { get; set; } = 10;

    /// The most segments there may be.
    public int MaxSegments { get; set; } = 200;
}
