using System.Text.Json;
using Unbuilt.LoadTest;

namespace Unbuilt.Cli;

/// The CLI's admin client as the load test asks for it (IAdminApi): the same requests, and a refusal the client
/// throws as the CLI's CliException goes on as the load test's LoadTestException, which the load test can catch where
/// a refusal is not the end of the run (taking its users out of the beta list, asking who switched the flag off).
public sealed class LoadTestAdmin(AdminApiClient client) : IAdminApi
{
    public Uri BaseAddress => client.BaseAddress;

    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => Send(() => client.GetAsync(path, ct));

    public Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct) => Send(() => client.PostAsync(path, body, ct));

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => Send(() => client.DeleteAsync(path, ct));

    public IAdminApi For(Uri node) => new LoadTestAdmin(client.For(node));

    /// Sends through the CLI's client; its refusal (CliException) goes on as a LoadTestException in the same words.
    private static async Task<JsonElement> Send(Func<Task<JsonElement>> request)
    {
        try
        {
            return await request();
        }
        catch (CliException e)
        {
            throw new LoadTestException(e.Message);
        }
    }

    public void Dispose() => client.Dispose();
}
