using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Unbuilt.Data.Plans;

namespace Unbuilt.Idempotency;

/// The request an Idempotency-Key names, set by <see cref="IdempotencyFilter"/> for the handler to store its answer
/// in its own transaction (so a change and its stored answer commit together or not at all).
public sealed class IdempotentRequest(int userId, string key, string method, string path, string hash)
{
    public int UserId { get; } = userId;
    public string Key { get; } = key;
    public string Method { get; } = method;
    public string Path { get; } = path;
    public string Hash { get; } = hash;
    public bool Stored { get; set; }
}

/// An answer as stored for replay: status, body, content type and the headers a retry must see again.
public static class IdempotentAnswer
{
    private static readonly string[] ReplayedHeaders = ["ETag", "Location", "Retry-After"];

    /// Adds the record of <paramref name="answer"/> to the context (saved with the caller's next SaveChanges); false
    /// when the request named no key (nothing to save). <paramref name="etag"/>: the answer's ETag, when the caller
    /// has not written it to the response yet.
    public static bool Store(HttpContext http, IResult answer, Data.UnbuiltDbContext db, DateTime now, string? etag = null)
    {
        if (http.Features.Get<IdempotentRequest>() is not { Stored: false } request) return false;
        while (answer is INestedHttpResult nested) answer = nested.Result;
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var value = (answer as IValueHttpResult)?.Value;
        var headers = new Dictionary<string, string>();
        foreach (var name in ReplayedHeaders)
        {
            var header = name switch
            {
                "Location" => LocationOf(answer) ?? http.Response.Headers[name].ToString(),
                "ETag" => etag ?? http.Response.Headers[name].ToString(),
                _ => http.Response.Headers[name].ToString(),
            };
            if (header.Length > 0) headers[name] = header;
        }
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserId = request.UserId,
            Key = request.Key,
            Method = request.Method,
            Path = request.Path,
            RequestHash = request.Hash,
            StatusCode = (answer as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK,
            ContentType = value is null ? null : (answer as IContentTypeHttpResult)?.ContentType ?? "application/json",
            ResponseBody = value is null ? null : JsonSerializer.Serialize(value, value.GetType(), json),
            ResponseHeaders = JsonSerializer.Serialize(headers),
            CreatedAt = now,
        });
        request.Stored = true;
        return true;
    }

    public static IResult Replay(HttpContext http, IdempotencyRecord record)
    {
        var headers = record.ResponseHeaders is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(record.ResponseHeaders) ?? [];
        foreach (var (name, value) in headers) http.Response.Headers[name] = value;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return record.ResponseBody is null
            ? TypedResults.StatusCode(record.StatusCode)
            : TypedResults.Text(record.ResponseBody, record.ContentType, System.Text.Encoding.UTF8, record.StatusCode);
    }

    private static string? LocationOf(IResult answer) =>
        answer.GetType().GetProperty("Location")?.GetValue(answer) as string;
}
