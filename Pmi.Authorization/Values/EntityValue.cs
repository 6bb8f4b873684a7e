using Pmi.Authorization.Model;

namespace Pmi.Authorization.Values;

internal sealed class EntityValue(EntityUid uid) : Value
{
    public EntityUid Uid { get; } = uid;

    public override string TypeName => "entity";

    public override bool Equals(Value? other) => other is EntityValue e && e.Uid == Uid;

    public override int GetHashCode() => Uid.GetHashCode();

    public override string ToString() => Uid.ToString();
}
