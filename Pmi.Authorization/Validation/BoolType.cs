namespace Pmi.Authorization.Validation;

internal sealed record BoolType(BoolKind Kind) : CedarType
{
    public static readonly BoolType Any = new(BoolKind.Any);
    public static readonly BoolType True = new(BoolKind.True);
    public static readonly BoolType False = new(BoolKind.False);

    public BoolType Not() => Kind switch { BoolKind.True => False, BoolKind.False => True, _ => Any };

    public override string ToString() => Kind switch { BoolKind.True => "True", BoolKind.False => "False", _ => "Bool" };
}
