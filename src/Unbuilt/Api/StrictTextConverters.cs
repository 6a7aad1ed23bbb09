using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unbuilt.Api;

/// Every string a JSON body carries is refused when it holds a control character (tab, CR and LF excepted), so no
/// handler has to remember to check and the 400 names the field (the serializer adds the JSON path).
public sealed class StrictStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Checked(reader.GetString()!)
            : throw new JsonException("Expected a string.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    internal static string Checked(string text)
    {
        var at = ControlCharacters.Find(text, allowLineBreaks: true);
        return at < 0 ? text : throw new JsonException($"holds a control character ({ControlCharacters.Describe(text, at)}), which is not allowed.");
    }
}

/// The same rule for free-form JSON a request carries whole (a flag's rollout plan): every string and property name
/// inside it is checked.
public sealed class StrictJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        Check(element);
        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    private static void Check(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                StrictStringConverter.Checked(element.GetString()!);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Check(item);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    StrictStringConverter.Checked(property.Name);
                    Check(property.Value);
                }
                break;
        }
    }
}
