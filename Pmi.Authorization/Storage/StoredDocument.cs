namespace Pmi.Authorization.Storage;

/// <summary>One stored version of the policies or the schema.</summary>
/// <param name="Version">The version; versions of both kinds share one increasing sequence.</param>
/// <param name="Kind">Policies or schema.</param>
/// <param name="Format"><c>cedar</c> (text syntax) or <c>json</c>.</param>
/// <param name="Text">The document as it was submitted.</param>
/// <param name="Sha256">Lowercase hex SHA-256 of the UTF-8 text, as recorded in the audit trail.</param>
internal sealed record StoredDocument(long Version, DocumentKind Kind, string Format, string Text, string Sha256);
