using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Unbuilt.Data;

namespace Unbuilt.Plans.Changes;

/// What a plan change needs from whoever asks for it, and what it tells them back, with no HTTP in between: who acts,
/// the operation id, the If-Match condition, whether to lock the plan before reading (after repeated conflicts), a
/// way to keep the answer for idempotent retries inside the change's transaction, and afterwards the plan version
/// the answer shows. One per request (scoped); PlanChangeEndpoints fills it from the HTTP request and turns it back
/// into headers.
public sealed partial class PlanChangeRequest
{
    public const int MaxOperationIdLength = 64;

    /// The signed-in caller (a change for someone else, an invitee's, names them itself).
    public int ActorId { get; set; }

    /// As the client sent it (X-Operation-Id), or null: the change then makes one up.
    public string? SentOperationId { get; set; }

    /// The ETags the change must still be at (If-Match), or null for no condition.
    public string? IfMatch { get; set; }

    /// Set after repeated conflicts: the next attempt locks the plan before it reads.
    public bool LockFirst { get; set; }

    /// Keeps the answer (with the plan version it shows) for retries with the same Idempotency-Key; called inside the
    /// change's transaction, before the commit. True when it added a row to save.
    public Func<object, int?, UnbuiltDbContext, DateTime, bool>? KeepAnswer { get; set; }

    /// Set by the change: the plan version its answer shows (the answer's ETag), or null.
    public int? AnswerVersion { get; set; }

    private string? madeUp;

    /// The operation id this change is recorded under; a malformed one sent by the client refuses the change.
    public string OperationId => SentOperationId is null
        ? madeUp ??= Guid.NewGuid().ToString("N")
        : OperationIdPattern().IsMatch(SentOperationId) ? SentOperationId : throw new PlanChangeRefused(BadOperationId());

    public static ProblemHttpResult BadOperationId() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request has invalid fields", detail: Rule,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { [PlanChangeEndpoints.OperationHeader] = [Rule] },
            });

    private const string Rule = "X-Operation-Id must be 1 to 64 letters, digits, '-', '_', '.' or ':'.";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex OperationIdPattern();
}

/// A change refused before it wrote anything (not a member, a role that may not, a stale If-Match, a reused or
/// malformed operation id): the answer to give instead.
public sealed class PlanChangeRefused(ProblemHttpResult problem) : Exception(problem.ProblemDetails.Detail)
{
    public ProblemHttpResult Problem { get; } = problem;
}
