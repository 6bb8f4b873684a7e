using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Parsing;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class LikeExpr(Expr target, IReadOnlyList<PatternElement> pattern) : Expr
{
    public Expr Target { get; } = target;

    public IReadOnlyList<PatternElement> Pattern { get; } = pattern;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var v = Target.Evaluate(ctx);
        if (v is not StringValue s)
        {
            return ctx.TypeError("string", v);
        }

        var matched = Matches(s.Value, Pattern, ctx);
        return matched is null ? ErrorValue.Instance : BoolValue.Of(matched.Value);
    }

    /// <summary>Matches without a budget (for callers outside an evaluation).</summary>
    internal static bool Matches(string s, IReadOnlyList<PatternElement> pattern) => Matches(s, pattern, null) ?? false;

    // Greedy matching with backtracking to the last wildcard only: at most (string length × pattern
    // length) steps, never exponential; every step and every character compared is charged to the
    // evaluation's budget, and null means the budget ran out (the error is in the context).
    internal static bool? Matches(string s, IReadOnlyList<PatternElement> pattern, EvaluationContext? ctx)
    {
        const long chargeEvery = 1024;
        long work = 0;
        var pos = 0;
        var i = 0;
        var starIdx = -1;
        var starPos = 0;
        while (true)
        {
            if (++work >= chargeEvery)
            {
                if (ctx is not null && !ctx.Charge(work))
                {
                    return null;
                }

                work = 0;
            }

            if (i < pattern.Count)
            {
                var el = pattern[i];
                if (el.IsWildcard)
                {
                    starIdx = i++;
                    starPos = pos;
                    continue;
                }

                work += el.Text!.Length;
                if (string.CompareOrdinal(s, pos, el.Text, 0, el.Text.Length) == 0 && pos + el.Text.Length <= s.Length)
                {
                    pos += el.Text.Length;
                    i++;
                    continue;
                }
            }
            else if (pos == s.Length)
            {
                return true;
            }

            if (starIdx < 0 || starPos >= s.Length)
            {
                return false;
            }

            i = starIdx + 1;
            pos = ++starPos;
        }
    }
}
