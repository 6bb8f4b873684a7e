namespace Pmi.Authorization.Validation;

internal sealed record ExtType(string Name) : CedarType
{
    public override string ToString() => Name;
}
