namespace Pmi.Authorization.Policies;

/// <summary>A template slot.</summary>
public enum SlotKind
{
    /// <summary><c>?principal</c>.</summary>
    Principal,

    /// <summary><c>?resource</c>.</summary>
    Resource,
}
