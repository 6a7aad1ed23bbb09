using System.Text;
using System.Text.Json;

namespace Unbuilt.Tests.Api;

/// One hostile request of the sweep: what to send, and a label that says which route and variant it was.
public sealed record SweepRequest(string Label, HttpMethod Method, string Url, HttpContent? Body);

/// Builds the hostile requests for one OpenAPI operation. Every request is invalid in some way (a malformed, deep,
/// oversized or mistyped body, a control character, an id no row has or that overflows), so none may change
/// anything, whoever sends it. A request that could be valid as a whole (a no-body write on real ids) is only sent
/// by outsiders, who may not make it.
public static class SweepRequests
{
    private const string Huge = "99999999999999999999";
    private static readonly string Deep = new string('[', 200) + new string(']', 200);

    public static IEnumerable<SweepRequest> For(string method, string template, JsonElement operation, JsonElement components,
        IReadOnlyDictionary<string, string> ids, bool outsider)
    {
        var http = new HttpMethod(method.ToUpperInvariant());
        var parameters = operation.TryGetProperty("parameters", out var p) ? [.. p.EnumerateArray()] : new List<JsonElement>();
        var pathNames = parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList();
        var queryNames = parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList();
        var validPath = Fill(template, pathNames, ids, bad: null);
        var hasBody = operation.TryGetProperty("requestBody", out var body);

        foreach (var name in pathNames)
            foreach (var bad in new[] { Huge, "-1", "0", "%01x", new string('z', 300) })
                yield return new($"{name}={bad}", http, Fill(template, pathNames, ids, (name, bad)), hasBody ? Json("{}") : null);

        // A write on real ids with a typed-but-wrong query value might still be valid: members only get the values
        // no query may hold.
        string[] badQueries = outsider || http == HttpMethod.Get ? ["%01", Huge, "-99999999999", "%00"] : ["%01", "%00"];
        foreach (var name in queryNames.Append("junk"))
            foreach (var bad in badQueries)
                yield return new($"?{name}={bad}", http, $"{validPath}?{name}={bad}", hasBody ? Json("{") : null);

        if (hasBody)
        {
            yield return new("malformed", http, validPath, Json("{\"a\": "));
            yield return new("deep", http, validPath, Json(Deep));
            yield return new("array", http, validPath, Json("[1, 2]"));
            yield return new("text/plain", http, validPath, new StringContent("{}", Encoding.UTF8, "text/plain"));
            yield return new("form", http, validPath, new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"));
            yield return new("oversized", http, validPath, Json("{\"a\": \"" + new string('x', 1_100_000) + "\"}"));
            foreach (var property in Properties(body, components))
                foreach (var (label, value) in new[] { ("control", "\"\\u0000x\""), ("huge", Huge), ("deep", Deep), ("bell", "\"a\\u0007\"") })
                    yield return new($"{property}:{label}", http, validPath, Json($"{{\"{property}\": {value}}}"));
        }
        else if (outsider || http == HttpMethod.Get)
        {
            yield return new("no body", http, validPath, null);
        }
    }

    private static string Fill(string template, List<string> names, IReadOnlyDictionary<string, string> ids, (string Name, string Value)? bad)
    {
        var url = template;
        foreach (var name in names)
            url = url.Replace("{" + name + "}", bad is { } b && b.Name == name ? b.Value : ids.GetValueOrDefault(name, "1"));
        return url;
    }

    private static IEnumerable<string> Properties(JsonElement body, JsonElement components)
    {
        var schema = body.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
            schema = components.GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name) : [];
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
