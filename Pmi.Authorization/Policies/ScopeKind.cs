namespace Pmi.Authorization.Policies;

internal enum ScopeKind
{
    Any,
    Eq,
    In,
    Is,
    IsIn,
}
