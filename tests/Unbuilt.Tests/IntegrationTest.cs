using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Api;
using Unbuilt.Data;

namespace Unbuilt.Tests;

/// Each test class shares one server; each test starts from an empty database.
public abstract class IntegrationTest<TServer>(TServer server) : IClassFixture<TServer>, IAsyncLifetime
    where TServer : UnbuiltServer
{
    protected TServer Server { get; } = server;

    public static readonly JsonSerializerOptions Json = CreateJson();

    public Task InitializeAsync() => Server.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected static async Task<JsonElement> ReadJson(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    /// Asserts the call succeeded and returns its JSON body (default for an empty body).
    protected static async Task<JsonElement> OkJson(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// Looks behind the API (never to arrange what a test could do over HTTP).
    protected Task<T> DbAsync<T>(Func<UnbuiltDbContext, Task<T>> query) =>
        Server.WithServicesAsync(services => query(services.GetRequiredService<UnbuiltDbContext>()));

    /// Asserts the answer is RFC 9457 problem details with this status, and returns it.
    protected static async Task<JsonElement> AssertProblem(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJson(response);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiConventions.Configure(options);
        return options;
    }
}

public abstract class IntegrationTest(UnbuiltServer server) : IntegrationTest<UnbuiltServer>(server);
