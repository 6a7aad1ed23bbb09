using System.Linq.Expressions;
using System.Reflection;

namespace Unbuilt.Data;

/// Lets compiled queries share a read written once. A fragment is an expression held in a static field; a query calls
/// it with <c>Fragment.Inline(args)</c>, and <see cref="Expand{TDelegate}"/> replaces each such call with the
/// fragment's body, its parameters bound to the arguments, before EF sees the query. So the SQL is what it would be
/// had the fragment been typed out in each query, and "go to definition" on the fragment finds its one copy.
public static class QueryFragments
{
    public static TResult Inline<T1, T2, TResult>(this Expression<Func<T1, T2, TResult>> fragment, T1 a, T2 b) =>
        throw NotExpanded();

    public static TResult Inline<T1, T2, T3, TResult>(this Expression<Func<T1, T2, T3, TResult>> fragment, T1 a, T2 b, T3 c) =>
        throw NotExpanded();

    public static TResult Inline<T1, T2, T3, T4, TResult>(this Expression<Func<T1, T2, T3, T4, TResult>> fragment,
        T1 a, T2 b, T3 c, T4 d) => throw NotExpanded();

    public static TResult Inline<T1, T2, T3, T4, T5, TResult>(this Expression<Func<T1, T2, T3, T4, T5, TResult>> fragment,
        T1 a, T2 b, T3 c, T4 d, T5 e) => throw NotExpanded();

    /// <paramref name="query"/> with every fragment it inlines written out (one overload per arity, so that C# infers
    /// the query's type from its lambda).
    public static Expression<Func<T1, T2, TResult>> Expand<T1, T2, TResult>(Expression<Func<T1, T2, TResult>> query) =>
        Expanded(query);

    public static Expression<Func<T1, T2, T3, TResult>> Expand<T1, T2, T3, TResult>(
        Expression<Func<T1, T2, T3, TResult>> query) => Expanded(query);

    public static Expression<Func<T1, T2, T3, T4, TResult>> Expand<T1, T2, T3, T4, TResult>(
        Expression<Func<T1, T2, T3, T4, TResult>> query) => Expanded(query);

    public static Expression<Func<T1, T2, T3, T4, T5, TResult>> Expand<T1, T2, T3, T4, T5, TResult>(
        Expression<Func<T1, T2, T3, T4, T5, TResult>> query) => Expanded(query);

    public static Expression<Func<T1, T2, T3, T4, T5, T6, TResult>> Expand<T1, T2, T3, T4, T5, T6, TResult>(
        Expression<Func<T1, T2, T3, T4, T5, T6, TResult>> query) => Expanded(query);

    private static Expression<TDelegate> Expanded<TDelegate>(Expression<TDelegate> query) =>
        (Expression<TDelegate>)new Inliner().Visit(query);

    private static InvalidOperationException NotExpanded() =>
        new("A query fragment runs only inside a query passed through QueryFragments.Expand.");

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression call)
        {
            if (call.Method.DeclaringType != typeof(QueryFragments)) return base.VisitMethodCall(call);
            var fragment = Fragment(call.Arguments[0]);
            var bound = fragment.Parameters.Zip(call.Arguments.Skip(1).Select(Visit))
                .ToDictionary(p => p.First, p => p.Second!);
            // The fragment may inline others in turn.
            return Visit(new Binder(bound).Visit(fragment.Body));
        }

        /// The fragment a call names: a static field (or a field of a captured object) holding the expression.
        private static LambdaExpression Fragment(Expression named) => named switch
        {
            MemberExpression { Member: FieldInfo field, Expression: null } => (LambdaExpression)field.GetValue(null)!,
            MemberExpression { Member: FieldInfo field, Expression: ConstantExpression owner } =>
                (LambdaExpression)field.GetValue(owner.Value)!,
            _ => throw new InvalidOperationException($"A query fragment must be read from a field, not from {named}."),
        };
    }

    private sealed class Binder(Dictionary<ParameterExpression, Expression> bound) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => bound.GetValueOrDefault(node, node);
    }
}
