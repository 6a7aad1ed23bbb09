using System.Text.Json;
using System.Text.RegularExpressions;

namespace Unbuilt.Api;

/// What a problem answer says: its status, title and detail, and the field it is about (if one).
public sealed record ErrorAnswer(int Status, string Title, string Detail, string? Field);

/// Says what was wrong with a request that could not be bound, in the API's words: the framework's own messages
/// name .NET types ("Failed to read parameter "UpdateTaskRequest body"…", "could not be converted to System.Int32"),
/// which tell a client nothing it can use and tell an attacker what the server runs.
public static partial class BindingErrors
{
    public static ErrorAnswer Describe(BadHttpRequestException bad) => bad switch
    {
        { InnerException: JsonException json } => FromJson(json),
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => new(bad.StatusCode, "The request body is too large", SizeDetail(bad.Message), null),
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new(bad.StatusCode, "Send the body as application/json",
            "This operation takes a JSON body: send it with 'Content-Type: application/json'.", null),
        _ when BindFailed().Match(bad.Message) is { Success: true } m => new(bad.StatusCode, "The request has invalid fields",
            $"'{m.Groups["name"].Value}' has an invalid value: '{Shorten(m.Groups["value"].Value)}'.", m.Groups["name"].Value),
        _ when Required().Match(bad.Message) is { Success: true } m => new(bad.StatusCode, "The request has invalid fields",
            $"'{m.Groups["name"].Value}' is required.", m.Groups["name"].Value),
        _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) || bad.Message.Contains("request body", StringComparison.OrdinalIgnoreCase) =>
            new(bad.StatusCode, "The request body is missing", "This operation needs a JSON body.", null),
        _ => new(bad.StatusCode, "The request is not valid", "The request could not be read.", null),
    };

    private static ErrorAnswer FromJson(JsonException json)
    {
        var field = json.Path is { Length: > 0 } path && path != "$" ? path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path : null;
        var message = json.Message.Split(" Path:")[0];
        string detail;
        if (ConvertTo().Match(message) is { Success: true } convert)
            detail = $"expected {Expected(convert.Groups["type"].Value)}.";
        else if (MissingRequired().Match(message) is { Success: true } missing)
            return new(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this operation",
                $"Required fields are missing: {missing.Groups["fields"].Value.TrimEnd('.')}.", null);
        else detail = NamesAType(message) ? "the value is not valid here." : message;
        return new(StatusCodes.Status400BadRequest, "The request body is not valid JSON for this operation",
            field is null ? Capitalize(detail) : $"'{field}': {detail}", field);
    }

    private static string Expected(string typeName)
    {
        var name = NullableOf().Match(typeName) is { Success: true } n ? n.Groups["inner"].Value : typeName;
        var shortName = name[(name.LastIndexOf('.') + 1)..];
        return shortName switch
        {
            "Int16" or "Int32" or "Int64" or "UInt16" or "UInt32" or "UInt64" or "Byte" => "a whole number in range",
            "Single" or "Double" or "Decimal" => "a number",
            "Boolean" => "true or false",
            "String" => "a string",
            "DateTime" or "DateTimeOffset" => "a date and time (ISO 8601, e.g. 2026-12-31T17:00:00Z)",
            "DateOnly" => "a date (yyyy-MM-dd)",
            "Guid" => "a UUID",
            _ when EnumValues(name) is { } values => $"one of: {values}",
            _ when name.Contains("List", StringComparison.Ordinal) || name.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ => "an object or value of another shape",
        };
    }

    /// The wire names of an enum the serializer could not read (camelCase, as the API writes them).
    private static string? EnumValues(string fullName)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(fullName, throwOnError: false))
            .FirstOrDefault(t => t is not null);
        return type is { IsEnum: true } ? string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)) : null;
    }

    private static string SizeDetail(string message) =>
        MaxSize().Match(message) is { Success: true } m ? $"The body may be at most {m.Groups["bytes"].Value} bytes." : "The body is larger than this server accepts.";

    private static bool NamesAType(string message) => DotNetName().IsMatch(message);

    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex("""^Failed to bind parameter "\S+ (?<name>[^"]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailed();

    [GeneratedRegex("""^Required parameter "\S+ (?<name>[^"]+)" was not provided""")]
    private static partial Regex Required();

    [GeneratedRegex("could not be converted to (?<type>[^ ]+?)\\.?$")]
    private static partial Regex ConvertTo();

    [GeneratedRegex("missing required properties,? including the following: (?<fields>.*)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"System\.Nullable`1\[\[?(?<inner>[\w.]+)")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"(?<bytes>\d+) bytes")]
    private static partial Regex MaxSize();

    [GeneratedRegex(@"\b(System|Microsoft|Unbuilt|Npgsql)\.\w|'[\w.`]+\[|type '")]
    private static partial Regex DotNetName();
}
