using System.Text.Json;
using System.Text.Json.Serialization;

namespace Unbuilt.Api;

/// A JSON field that may be absent, null or a value: PATCH tells "leave it" (absent) from "clear it" (null).
[JsonConverter(typeof(OptionalConverterFactory))]
public readonly record struct Optional<T>(bool IsSet, T Value)
{
    public T Or(T current) => IsSet ? Value : current;
}

public sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        public override bool HandleNull => true;

        // The value's own converter, not a nested Deserialize: a nested call would report its errors at "$", losing the
        // field's name.
        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null && default(T) is null
                ? new(true, default!)
                : new(true, ((JsonConverter<T>)options.GetConverter(typeof(T))).Read(ref reader, typeof(T), options)!);

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.IsSet) JsonSerializer.Serialize(writer, value.Value, options);
            // Only the idempotency hash writes requests back out: absent must not look like null there.
            else writer.WriteStringValue("(absent)");
        }
    }
}
