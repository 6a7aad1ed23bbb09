using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unbuilt.Data.Configurations;

/// Stores a list as a JSON array: jsonb on PostgreSQL, text on SQLite.
internal static class JsonListConversion
{
    public static PropertyBuilder<List<T>> AsJsonArray<T>(this PropertyBuilder<List<T>> property, SqlDialect dialect)
    {
        property.HasConversion(
                list => JsonSerializer.Serialize(list, JsonSerializerOptions.Default),
                json => JsonSerializer.Deserialize<List<T>>(json, JsonSerializerOptions.Default) ?? new List<T>(),
                new ValueComparer<List<T>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item)),
                    list => list.ToList()))
            .HasDefaultValueSql(dialect.EmptyJsonArray)
            .IsRequired();
        if (dialect.JsonType is { } type) property.HasColumnType(type);
        return property;
    }
}
