using Pmi.Authorization.Model;

namespace Pmi.Authorization.Schema;

/// <summary>An action: parent actions and what it applies to.</summary>
internal sealed class ActionDef(EntityUid uid)
{
    public EntityUid Uid { get; } = uid;

    public List<EntityUid> MemberOf { get; } = [];

    /// <summary>Null when the action declares no <c>appliesTo</c>, so it applies to no request.</summary>
    public List<string>? PrincipalTypes { get; set; }

    public List<string>? ResourceTypes { get; set; }

    public SchemaType Context { get; set; } = RecordType.Empty;
}
