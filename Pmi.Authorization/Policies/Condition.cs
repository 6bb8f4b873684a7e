using Pmi.Authorization.Ast;

namespace Pmi.Authorization.Policies;

/// <summary>A <c>when</c> (IsWhen) or <c>unless</c> clause.</summary>
internal sealed record Condition(bool IsWhen, Expr Body);
