using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Unbuilt.Data.Configurations;

/// Enums are stored as their lowercase names (free, pro, admin…), so SQL written by hand reads naturally.
public static class LowercaseEnum
{
    public static ValueConverter<T, string> Converter<T>() where T : struct, Enum =>
        new(value => Name(value), text => Parse<T>(text));

    public static string Name<T>(T value) where T : struct, Enum =>
        value.ToString().ToLowerInvariant();

    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.Parse<T>(text, ignoreCase: true);

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        // Enum.TryParse accepts numbers ("1") too; only names are valid here.
        return text is not null && text.All(char.IsAsciiLetter) && Enum.TryParse(text, ignoreCase: true, out value);
    }
}
