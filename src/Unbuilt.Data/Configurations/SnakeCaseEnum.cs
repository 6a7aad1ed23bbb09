using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Unbuilt.Data.Configurations;

/// Enums whose names have several words are stored snake_case (NotStarted → not_started), so the guide's SQL and
/// hand-written queries read `status = 'completed'` and `status = 'in_progress'`.
public static class SnakeCaseEnum
{
    public static ValueConverter<T, string> Converter<T>() where T : struct, Enum =>
        new(value => Name(value), text => Parse<T>(text));

    public static string Name<T>(T value) where T : struct, Enum => Snake(value.ToString());

    public static T Parse<T>(string text) where T : struct, Enum =>
        Enum.Parse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);

    /// The stored names of every value, for check constraints.
    public static string SqlList<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => $"'{Name(v)}'"));

    private static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
