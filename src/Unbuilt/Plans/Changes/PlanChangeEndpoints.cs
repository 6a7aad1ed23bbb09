using Unbuilt.Accounts;
using Unbuilt.Idempotency;

namespace Unbuilt.Plans.Changes;

/// Thrown at a change's first write when the plan is no longer at the version the request read: another change to the
/// same plan committed in between, so what this request checked may no longer hold.
public sealed class PlanChangedException(int planId)
    : Exception($"Plan {planId} changed while this request was reading it.")
{
    public int PlanId { get; } = planId;
}

/// The HTTP side of plan changes, as one endpoint filter: it fills the request's PlanChangeRequest from the caller,
/// X-Operation-Id, If-Match and Idempotency-Key; answers a refused change (PlanChangeRefused) with its problem; runs
/// the request again when another change to the plan committed between its reads and its first write
/// (PlanChangedException), locking the plan first after <see cref="OptimisticAttempts"/> conflicts so it cannot lose
/// again; and writes the ETag of the plan version the answer shows, unless <c>etag</c> is false (an answer that is not
/// about the plan, such as a sign-up that joins one).
public static class PlanChangeEndpoints
{
    public const string OperationHeader = "X-Operation-Id";
    public const int OptimisticAttempts = 3;

    public static TBuilder WithPlanChanges<TBuilder>(this TBuilder builder, bool etag = true) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var request = http.RequestServices.GetRequiredService<PlanChangeRequest>();
            Fill(http, request);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await next(context);
                    if (etag) WriteETag(http, request);
                    return result;
                }
                catch (PlanChangeRefused refused)
                {
                    WriteETag(http, request);
                    return refused.Problem;
                }
                catch (PlanChangedException) when (!request.LockFirst)
                {
                    request.AnswerVersion = null;
                    if (attempt >= OptimisticAttempts) request.LockFirst = true;
                }
            }
        });

    private static void Fill(HttpContext http, PlanChangeRequest request)
    {
        if (http.User.Identity?.IsAuthenticated == true) request.ActorId = http.User.UserId();
        var sent = http.Request.Headers[OperationHeader].ToString();
        request.SentOperationId = sent.Length == 0 ? null : sent;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        request.IfMatch = string.IsNullOrWhiteSpace(ifMatch) ? null : ifMatch;
        // Set by the idempotency filter, which runs first: the change keeps its answer in its own transaction.
        if (http.Features.Get<IdempotentRequest>() is not null)
            request.KeepAnswer = (answer, version, db, now) =>
                answer is IResult result && IdempotentAnswer.Store(http, result, db, now, version is { } v ? PlanETag.For(v) : null);
    }

    private static void WriteETag(HttpContext http, PlanChangeRequest request)
    {
        if (request.AnswerVersion is { } version) http.Response.Headers.ETag = PlanETag.For(version);
    }
}
