using System.Text.Json;
using System.Text.Json.Serialization;
using Unbuilt.FlagEngine;

namespace Unbuilt.FlagEngine.Tests;

/// The shared test vectors (vectors/evaluation-v1.json), loaded once. Theories take a vector's name, so each
/// vector is its own named test case; the name is looked up here.
internal static class Vectors
{
    public const string File = "vectors/evaluation-v1.json";

    private static readonly Lazy<VectorFile> Loaded = new(() =>
    {
        string path = Path.Combine(AppContext.BaseDirectory, File);
        using FileStream stream = System.IO.File.OpenRead(path);
        return JsonSerializer.Deserialize<VectorFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{path} is empty.");
    });

    public static VectorFile Data => Loaded.Value;

    public static TheoryData<string> MurmurNames => [.. Data.Murmur.Select(v => v.Name)];

    public static TheoryData<string> BucketNames => [.. Data.Buckets.Select(v => v.Name)];

    public static TheoryData<string> EvaluationNames => [.. Data.Evaluations.Select(v => v.Name)];

    public static FlagSnapshot Snapshot => new(Data.Flags.Select(f => f.ToState()));
}

internal sealed record VectorFile(
    int Version,
    [property: JsonPropertyName("murmur3_x86_32")] MurmurVector[] Murmur,
    BucketVector[] Buckets,
    FlagVector[] Flags,
    EvaluationVector[] Evaluations);

internal sealed record MurmurVector(string Name, string? Input, string? InputHex, uint Seed, string Hash)
{
    public byte[] Bytes => InputHex is null ? System.Text.Encoding.UTF8.GetBytes(Input!) : Convert.FromHexString(InputHex);

    public uint ExpectedHash => Convert.ToUInt32(Hash, 16);
}

internal sealed record BucketVector(string Flag, int UserId, int Bucket)
{
    // The flag name can be long; the display keeps test names readable.
    public string Name => $"{(Flag.Length > 30 ? Flag[..30] + "…" : Flag)}:{UserId}";
}

internal sealed record FlagVector(
    string Name, bool Enabled, int RolloutPercentage, string[] AllowedTiers, Dictionary<int, bool> UserEntries)
{
    public FlagState ToState() =>
        new(Name, Enabled, RolloutPercentage, UserTiers.ParseAll(AllowedTiers), UserEntries);
}

internal sealed record EvaluationVector(string Name, string Flag, int? UserId, string Tier, ExpectedEvaluation Expected)
{
    public FlagContext Context => new(UserId, UserTiers.Parse(Tier));
}

internal sealed record ExpectedEvaluation(bool Enabled, string Reason, int Bucket);
