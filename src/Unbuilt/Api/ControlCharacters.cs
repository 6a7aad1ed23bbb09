using System.Buffers;

namespace Unbuilt.Api;

/// The C0 control characters (U+0000–U+001F) and DEL that no text we store may hold: PostgreSQL refuses NUL in text
/// outright, and the others are invisible in every place the text is shown. Multi-line text (JSON string fields)
/// may keep tab, CR and LF; single-line values (query strings, route values, headers) may not.
public static class ControlCharacters
{
    private static readonly SearchValues<char> Any = SearchValues.Create(Range(keepLineBreaks: false));
    private static readonly SearchValues<char> ExceptLineBreaks = SearchValues.Create(Range(keepLineBreaks: true));

    /// The index of the first character text may not hold, or -1.
    public static int Find(ReadOnlySpan<char> text, bool allowLineBreaks) =>
        text.IndexOfAny(allowLineBreaks ? ExceptLineBreaks : Any);

    /// How a refusal names the character: "U+0000 at position 3".
    public static string Describe(ReadOnlySpan<char> text, int index) => $"U+{(int)text[index]:X4} at position {index + 1}";

    /// The text with each control character replaced by U+FFFD, for storing what a client sent (e.g. a path) as-is.
    public static string? Replace(string? text)
    {
        if (text is null || Find(text, allowLineBreaks: false) < 0) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            source.AsSpan().CopyTo(span);
            int at;
            while ((at = span.IndexOfAny(Any)) >= 0) span[at] = '\uFFFD';
        });
    }

    private static string Range(bool keepLineBreaks)
    {
        var chars = Enumerable.Range(0, 0x20).Append(0x7F).Select(c => (char)c);
        return new string([.. keepLineBreaks ? chars.Where(c => c is not ('\t' or '\r' or '\n')) : chars]);
    }
}
