namespace Pmi.Authorization.Ast;

internal enum BinaryOp
{
    Eq,
    NotEq,
    Less,
    LessEq,
    Greater,
    GreaterEq,
    Add,
    Sub,
    Mul,
    In,
    Contains,
    ContainsAll,
    ContainsAny,
    HasTag,
    GetTag,
}
