namespace Pmi.Authorization.Validation;

internal sealed record IntType : CedarType
{
    public static readonly IntType Instance = new();

    public override string ToString() => "Long";
}
