namespace Pmi.Authorization.Model;

/// <summary>
/// Identifies a Cedar entity: a type name (possibly namespaced, e.g. <c>App::User</c>) and an id.
/// </summary>
/// <param name="Type">The fully qualified entity type name.</param>
/// <param name="Id">The entity id within its type.</param>
public readonly record struct EntityUid(string Type, string Id)
{
    /// <summary>Formats the uid in Cedar syntax, e.g. <c>User::"alice"</c>.</summary>
    public override string ToString() => Type + "::\"" + Escape(Id) + "\"";

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
