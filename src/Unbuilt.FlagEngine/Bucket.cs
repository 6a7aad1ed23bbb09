using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Unbuilt.FlagEngine;

/// <summary>
/// Sticky percentage bucketing: <c>murmur3_x86_32(UTF-8 "{flagName}:{userId}", seed 0) % 100 + 1</c>, the same
/// normalisation as Unleash, so a user's bucket for a flag is a number in 1..100 that never changes.
/// </summary>
/// <remarks>
/// A user is in a rollout of <c>p</c> percent when their bucket is ≤ <c>p</c>, so raising the percentage only adds
/// users and lowering it only removes them. Including the flag name spreads users differently per flag, so the
/// same 10% of users are not the guinea pigs of every rollout. No call allocates.
/// </remarks>
public static class Bucket
{
    /// <summary>The lowest bucket.</summary>
    public const int Min = 1;

    /// <summary>The highest bucket.</summary>
    public const int Max = 100;

    // ":" plus the longest Int32 ("-2147483648").
    private const int SuffixLength = 12;

    // Keys longer than this (flag names of a few hundred characters) are built in a pooled array instead.
    private const int StackLimit = 256;

    /// <summary>The bucket (1..100) of <paramref name="userId"/> for the flag named <paramref name="flagName"/>.</summary>
    /// <param name="flagName">The flag name, as stored (case matters).</param>
    /// <param name="userId">The user id, formatted in invariant decimal.</param>
    /// <returns>A number in 1..100.</returns>
    public static int For(string flagName, int userId)
    {
        ArgumentNullException.ThrowIfNull(flagName);
        int capacity = Encoding.UTF8.GetMaxByteCount(flagName.Length) + SuffixLength;
        byte[]? rented = null;
        Span<byte> key = capacity <= StackLimit
            ? stackalloc byte[capacity]
            : (rented = ArrayPool<byte>.Shared.Rent(capacity));
        try
        {
            int nameLength = Encoding.UTF8.GetBytes(flagName, key);
            return Hash(key, nameLength, userId);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The bucket (1..100) of <paramref name="userId"/> for a flag whose name is already UTF-8.</summary>
    /// <param name="utf8FlagName">The flag name's UTF-8 bytes.</param>
    /// <param name="userId">The user id, formatted in invariant decimal.</param>
    /// <returns>A number in 1..100, equal to <see cref="For(string, int)"/> on the same name.</returns>
    public static int For(ReadOnlySpan<byte> utf8FlagName, int userId)
    {
        int capacity = utf8FlagName.Length + SuffixLength;
        byte[]? rented = null;
        Span<byte> key = capacity <= StackLimit
            ? stackalloc byte[capacity]
            : (rented = ArrayPool<byte>.Shared.Rent(capacity));
        try
        {
            utf8FlagName.CopyTo(key);
            return Hash(key, utf8FlagName.Length, userId);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    // key starts with the name's bytes and has room for the suffix.
    private static int Hash(Span<byte> key, int nameLength, int userId)
    {
        key[nameLength] = (byte)':';
        // Utf8Formatter writes invariant decimal digits; it cannot fail with room for any Int32.
        Utf8Formatter.TryFormat(userId, key[(nameLength + 1)..], out int digits);
        uint hash = MurmurHash3.X86_32(key[..(nameLength + 1 + digits)], 0);
        return (int)(hash % Max) + Min;
    }
}
