namespace Pmi.Authorization.Validation;

internal sealed record EntityType(string Name) : CedarType
{
    public override string ToString() => "entity " + Name;
}
