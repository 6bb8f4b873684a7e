namespace Pmi.Authorization.Ast;

internal enum UnaryOp
{
    Not,
    Neg,
    IsEmpty,
}
