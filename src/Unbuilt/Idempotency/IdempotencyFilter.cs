using System.Reflection;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Idempotency;

/// `Idempotency-Key` on POST, PATCH and DELETE: the first answer (any status below 500) is kept for 24 h per user and
/// key; a retry of the same request gets it again, marked `Idempotent-Replayed: true`, and changes nothing; the same
/// key on a different request is refused with 422. "The same request" = method, path and query, and the bound
/// arguments (so JSON formatting does not matter). A replay first re-checks the caller's access (IReplayAccess).
public static class IdempotencyFilter
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices.GetService<IServiceProviderIsService>();
            var parts = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => IsRequestPart(p.parameter, services)).Select(p => p.index).ToArray();
            return context => InvokeAsync(context, next, parts);
        });

    private static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, int[] parts)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            || !http.Request.Headers.TryGetValue(Header, out var values)) return await next(context);
        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > 255)
            return new FieldErrors().Add(Header, "Idempotency-Key must be one value of 1 to 255 characters.").ToProblem();

        var db = http.RequestServices.GetRequiredService<UnbuiltDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().StoredNow();
        var ct = http.RequestAborted;
        var userId = http.User.UserId();
        var hash = Hash(http, context.Arguments, parts);
        var existing = await FindAsync(db, userId, key, ct);
        if (existing is not null && existing.CreatedAt <= now - Lifetime)
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(ct)) // queues on SqliteWriteGate
            {
                await db.IdempotencyRecords.Where(r => r.Id == existing.Id).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
            }
            existing = null;
        }
        if (existing is not null)
            return existing.RequestHash == hash && await DenyReplayAsync(http, ct) is { } denied ? denied : Answer(http, existing, hash);

        var request = new IdempotentRequest(userId, key, method, PathOf(http), hash);
        http.Features.Set(request);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key committed first: answer as it did.
            db.ChangeTracker.Clear();
            if (await FindAsync(db, userId, key, ct) is not { } raced) throw;
            return Answer(http, raced, hash);
        }
        var answer = result as IResult;
        while (answer is INestedHttpResult nested) answer = nested.Result;
        if (!request.Stored && answer is not null && ((answer as IStatusCodeHttpResult)?.StatusCode ?? 200) < 500)
            await StoreAfterAsync(http, db, answer, now, ct);
        return result;
    }

    /// Null when every feature that guards its stored answers (IReplayAccess) lets the caller see this one again.
    private static async Task<IResult?> DenyReplayAsync(HttpContext http, CancellationToken ct)
    {
        foreach (var access in http.RequestServices.GetServices<IReplayAccess>())
            if (await access.DenyAsync(http, ct) is { } denied) return denied;
        return null;
    }

    private static object Answer(HttpContext http, IdempotencyRecord record, string hash) =>
        record.RequestHash == hash
            ? IdempotentAnswer.Replay(http, record)
            : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: $"The Idempotency-Key was first used for {record.Method} {record.Path} with a different request; " +
                    "use a new key for a new request.");

    /// For answers that changed nothing (a 4xx): kept outside any transaction; losing a race here is harmless.
    private static async Task StoreAfterAsync(HttpContext http, UnbuiltDbContext db, IResult answer, DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        IdempotentAnswer.Store(http, answer, db, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }
    }

    private static Task<IdempotencyRecord?> FindAsync(UnbuiltDbContext db, int userId, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);

    private static string PathOf(HttpContext http) => http.Request.Path.Value + http.Request.QueryString.Value;

    private static string Hash(HttpContext http, IList<object?> arguments, int[] parts)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var text = new StringBuilder(http.Request.Method).Append('\n').Append(PathOf(http));
        foreach (var index in parts)
        {
            var value = arguments[index];
            text.Append('\n').Append(value is null ? "null" : JsonSerializer.Serialize(value, value.GetType(), json));
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static bool IsRequestPart(ParameterInfo parameter, IServiceProviderIsService? services)
    {
        var type = parameter.ParameterType;
        return type != typeof(HttpContext) && type != typeof(CancellationToken) && type != typeof(ClaimsPrincipal)
            && type != typeof(HttpRequest) && type != typeof(HttpResponse) && services?.IsService(type) != true;
    }
}
