using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Hosting;

namespace Unbuilt.Tests.Hosting;

/// The OpenAPI document is the contract between the server and the web client: it is checked in as
/// src/web/openapi.json and the client's types are generated from it (src/web/src/api/schema.d.ts). A change to what
/// the API sends or accepts fails here until the file is regenerated, and then shows in the client's type check.
/// With UNBUILT_UPDATE_CONTRACT=1 the test writes the file instead (scripts/update-api-contract).
public sealed class OpenApiContractTests(UnbuiltServer server) : IntegrationTest(server)
{
    public const string ContractPath = "src/web/openapi.json";

    [Fact]
    public async Task The_served_document_is_the_checked_in_contract()
    {
        var served = Normalize(await DocumentAsync());
        var file = Path.Combine(RepositoryRoot(), ContractPath);
        if (Environment.GetEnvironmentVariable("UNBUILT_UPDATE_CONTRACT") == "1")
        {
            await File.WriteAllTextAsync(file, served);
            return;
        }

        var committed = File.Exists(file) ? Normalize(await File.ReadAllTextAsync(file)) : "";
        if (served != committed)
            Assert.Fail($"the API changed: run `scripts/update-api-contract` and commit {ContractPath} and the generated types.\n"
                + FirstDifference(committed, served));
    }

    [Fact]
    public async Task The_document_names_no_host_and_describes_every_live_message()
    {
        var text = await DocumentAsync();
        Assert.DoesNotContain(Server.BaseAddress.Authority, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"servers\"", text, StringComparison.Ordinal);

        var schemas = JsonNode.Parse(text)!["components"]!["schemas"]!.AsObject();
        foreach (var payload in new[] { "PlanEvent", "PlanChange", "PresenceEvent", "FeatureChange", "AdminNotice", "AccessEnded",
                     "AccessChanged", "SignedOut", "ResumeAnswer" })
            Assert.True(schemas.ContainsKey(payload), $"no component schema {payload}");
        Assert.Equal(["removed", "feature-off", "plan-deleted"],
            schemas["AccessEnded"]!["properties"]!["reason"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    /// `{}` (anything) is what the generator says of a type it cannot see into, such as one with a converter of the
    /// app's; only free-form JSON (JsonElement) may be that. An array must say what it holds.
    [Fact]
    public async Task Every_schema_says_what_it_holds()
    {
        var document = JsonNode.Parse(await DocumentAsync())!;
        var vague = new List<string>();
        Walk(document, "#");
        Assert.True(vague.Count == 0, "schemas that allow anything: " + string.Join(", ", vague));

        void Walk(JsonNode? node, string path)
        {
            if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++) Walk(array[i], $"{path}/{i}");
                return;
            }
            if (node is not JsonObject obj) return;
            var isSchema = path.EndsWith("/schema", StringComparison.Ordinal) || path.EndsWith("/items", StringComparison.Ordinal)
                || path.Contains("/properties/", StringComparison.Ordinal) && !path.EndsWith("/properties", StringComparison.Ordinal);
            if (isSchema && obj.Count == 0 && path != "#/components/schemas/JsonElement") vague.Add(path);
            if (obj["type"]?.ToJsonString().Contains("array", StringComparison.Ordinal) == true && obj["items"] is null) vague.Add(path);
            foreach (var (name, value) in obj) Walk(value, $"{path}/{name}");
        }
    }

    private async Task<string> DocumentAsync()
    {
        var response = await Server.Client().GetAsync(ApiDocs.DocumentPath);
        if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync();
        // The answer is a bare 500; generating the document here throws what went wrong.
        await Server.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync();
        throw new Xunit.Sdk.XunitException($"{ApiDocs.DocumentPath} answered {(int)response.StatusCode}.");
    }

    /// The file as written: LF line ends and one final newline, whatever the platform or an editor did.
    private static string Normalize(string json) => json.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    private static string FirstDifference(string committed, string served)
    {
        var before = committed.Split('\n');
        var after = served.Split('\n');
        for (var i = 0; i < Math.Max(before.Length, after.Length); i++)
        {
            var was = i < before.Length ? before[i] : "(end of file)";
            var now = i < after.Length ? after[i] : "(end of file)";
            if (was != now) return $"first difference at line {i + 1}:\n  checked in: {was.Trim()}\n  served:     {now.Trim()}";
        }
        return "";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Unbuilt.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Unbuilt.slnx above {AppContext.BaseDirectory}");
    }
}
