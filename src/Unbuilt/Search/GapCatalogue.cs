using System.Text.Json;

namespace Unbuilt.Search;

/// <summary>The market gaps we write and ship as an embedded resource (Search/Catalogue/gaps.json).</summary>
public sealed class GapCatalogue
{
    private const string ResourceName = "Unbuilt.Search.Catalogue.gaps.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A missing or null field in the shipped file fails loudly at load instead of becoming a blank result.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<GapCatalogue> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, GapEntry> byId;

    public GapCatalogue(IEnumerable<GapEntry> entries)
    {
        Entries = [.. entries];
        byId = new Dictionary<string, GapEntry>(Entries.Count, StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            if (!byId.TryAdd(entry.Id, entry)) throw new InvalidDataException($"Duplicate gap id '{entry.Id}'.");
        }
    }

    /// <summary>The shipped catalogue, read once.</summary>
    public static GapCatalogue Shipped => Embedded.Value;

    /// <summary>Every entry, in file order.</summary>
    public IReadOnlyList<GapEntry> Entries { get; }

    public GapEntry? Find(string id) => byId.GetValueOrDefault(id);

    public static GapCatalogue Load(Stream json) =>
        new(JsonSerializer.Deserialize<List<GapEntry>>(json, Json)
            ?? throw new InvalidDataException("The gap catalogue is empty."));

    private static GapCatalogue LoadEmbedded()
    {
        using var stream = typeof(GapCatalogue).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return Load(stream);
    }
}
