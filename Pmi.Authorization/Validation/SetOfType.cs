namespace Pmi.Authorization.Validation;

internal sealed record SetOfType(CedarType Element) : CedarType
{
    public override string ToString() => "Set<" + Element + ">";
}
