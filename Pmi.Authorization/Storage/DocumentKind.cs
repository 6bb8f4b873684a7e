namespace Pmi.Authorization.Storage;

/// <summary>What a stored document is.</summary>
internal enum DocumentKind
{
    /// <summary>A Cedar policy set, in Cedar's text syntax.</summary>
    Policies,

    /// <summary>A Cedar schema, in its text or JSON format.</summary>
    Schema,
}
