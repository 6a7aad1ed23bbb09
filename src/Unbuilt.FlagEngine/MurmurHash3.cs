using System.Buffers.Binary;
using System.Numerics;

namespace Unbuilt.FlagEngine;

/// <summary>
/// MurmurHash3 (Austin Appleby, public domain), the 32-bit x86 variant, written from the published algorithm.
/// </summary>
/// <remarks>
/// Blocks are read little-endian whatever the machine, so a hash is the same on every node, process and restart;
/// that is what makes percentage rollout sticky. Never use <see cref="string.GetHashCode()"/> for this: it is
/// randomised per process.
/// </remarks>
public static class MurmurHash3
{
    private const uint C1 = 0xcc9e2d51;
    private const uint C2 = 0x1b873593;

    /// <summary>Hashes <paramref name="data"/> with MurmurHash3_x86_32.</summary>
    /// <param name="data">The bytes to hash (for text, its UTF-8 encoding).</param>
    /// <param name="seed">The seed; bucketing uses 0.</param>
    /// <returns>The 32-bit hash, as the reference implementation returns it.</returns>
    public static uint X86_32(ReadOnlySpan<byte> data, uint seed)
    {
        uint hash = seed;
        int blockEnd = data.Length & ~3;

        for (int i = 0; i < blockEnd; i += 4)
        {
            hash ^= Scramble(BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i, 4)));
            hash = BitOperations.RotateLeft(hash, 13);
            hash = (hash * 5) + 0xe6546b64;
        }

        // The 1..3 trailing bytes are mixed in without the rotate-and-add step of a full block.
        uint tail = 0;
        switch (data.Length & 3)
        {
            case 3:
                tail ^= (uint)data[blockEnd + 2] << 16;
                goto case 2;
            case 2:
                tail ^= (uint)data[blockEnd + 1] << 8;
                goto case 1;
            case 1:
                tail ^= data[blockEnd];
                hash ^= Scramble(tail);
                break;
        }

        hash ^= (uint)data.Length;
        return FinalMix(hash);
    }

    private static uint Scramble(uint block)
    {
        block *= C1;
        block = BitOperations.RotateLeft(block, 15);
        return block * C2;
    }

    // fmix32: forces every input bit to affect every output bit (avalanche).
    private static uint FinalMix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85ebca6b;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35;
        hash ^= hash >> 16;
        return hash;
    }
}
