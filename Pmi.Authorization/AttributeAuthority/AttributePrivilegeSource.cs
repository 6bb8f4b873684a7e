using Platform.Privileges;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>The platform's privilege contract, answered from the in-memory holder directory a decision uses too.</summary>
internal sealed class AttributePrivilegeSource(HolderDirectory holders) : IPrivilegeSource
{
    public HeldPrivileges For(IEnumerable<string> holderSerials)
    {
        var current = holderSerials.SelectMany(holders.CurrentAttributes).ToList();
        if (current.Count == 0)
        {
            return HeldPrivileges.None;
        }

        var clearance = current.Max(h => h.Clearance);
        return new HeldPrivileges(
            [.. current.SelectMany(h => h.Roles).Distinct(StringComparer.Ordinal)],
            [.. current.Select(h => h.Department).OfType<string>().Distinct(StringComparer.Ordinal)],
            clearance is { } c ? Rfc5755Attributes.Classes[c] : null);
    }
}
