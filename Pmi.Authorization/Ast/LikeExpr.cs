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
        return v is StringValue s ? BoolValue.Of(Matches(s.Value, Pattern)) : ctx.TypeError("string", v);
    }

    // Greedy matching with backtracking to the last wildcard: linear in practice, never exponential.
    internal static bool Matches(string s, IReadOnlyList<PatternElement> pattern)
    {
        var pos = 0;
        var i = 0;
        var starIdx = -1;
        var starPos = 0;
        while (true)
        {
            if (i < pattern.Count)
            {
                var el = pattern[i];
                if (el.IsWildcard)
                {
                    starIdx = i++;
                    starPos = pos;
                    continue;
                }

                if (string.CompareOrdinal(s, pos, el.Text, 0, el.Text!.Length) == 0 && pos + el.Text.Length <= s.Length)
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
