namespace Pmi.Authorization.Validation;

internal sealed record StringType : CedarType
{
    public static readonly StringType Instance = new();

    public override string ToString() => "String";
}
