using System.Text.Json;

namespace Unbuilt.LoadTest;

/// The running server's admin API, as a run uses it: it checks the flag, creates the run's users and lets them in
/// through the flag's beta list, and takes them out again. The CLI hands in its own admin client (the token and the URL
/// found as for every other verb); a refusal, or no server there, arrives as a LoadTestException in the server's words.
public interface IAdminApi : IDisposable
{
    Uri BaseAddress { get; }

    Task<JsonElement> GetAsync(string path, CancellationToken ct);

    Task<JsonElement> PostAsync(string path, object? body, CancellationToken ct);

    Task<JsonElement> DeleteAsync(string path, CancellationToken ct);

    /// The same credentials against another node of the same system (they share the database, so the token holds).
    IAdminApi For(Uri node);
}
