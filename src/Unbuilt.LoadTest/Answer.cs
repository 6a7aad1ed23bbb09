using System.Text;
using System.Text.Json;

namespace Unbuilt.LoadTest;

/// A server's answer, read whole, with how long it took.
public sealed record Answer(int Status, TimeSpan Elapsed, byte[] Body, string? MediaType, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement;

    /// "PATCH api/tasks/7 → 409 Conflict: …": what an error sample says (the problem's title and detail when there are).
    public string Describe(string request)
    {
        var text = Encoding.UTF8.GetString(Body);
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
            var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
            text = string.Join(": ", new[] { title, detail }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (JsonException)
        {
            // Not JSON: quote the start of it.
        }
        return $"{request} → {Status} {(text.Length > 160 ? text[..160] + "…" : text)}".TrimEnd();
    }
}
