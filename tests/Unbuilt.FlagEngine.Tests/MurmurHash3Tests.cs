using System.Text;
using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

/// The best-known MurmurHash3_x86_32 reference values, pinned here too so an edit to the vector file cannot
/// hide a broken hash.
public sealed class MurmurHash3Tests
{
    [Theory]
    [InlineData("", 0u, 0x00000000u)]
    [InlineData("", 1u, 0x514E28B7u)]
    [InlineData("hello", 0u, 0x248BFA47u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0u, 0x2E4FF723u)]
    public void Reference_value(string input, uint seed, uint expected) =>
        Assert.Equal(expected, MurmurHash3.X86_32(Encoding.UTF8.GetBytes(input), seed));

    [Fact]
    public void Reads_blocks_little_endian_whatever_the_machine()
    {
        // Byte-swapped input must hash differently: the algorithm is defined on little-endian words.
        Assert.Equal(0xF55B516Bu, MurmurHash3.X86_32([0x21, 0x43, 0x65, 0x87], 0));
        Assert.NotEqual(0xF55B516Bu, MurmurHash3.X86_32([0x87, 0x65, 0x43, 0x21], 0));
    }
}
