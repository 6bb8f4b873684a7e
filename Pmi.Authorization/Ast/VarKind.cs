namespace Pmi.Authorization.Ast;

internal enum VarKind
{
    Principal,
    Action,
    Resource,
    Context,
}
