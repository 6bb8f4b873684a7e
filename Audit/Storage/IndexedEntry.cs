using Audit.Events;

namespace Audit.Storage;

/// <summary>An entry to insert: the record, its canonical bytes and its leaf hash.</summary>
internal sealed record IndexedEntry(AuditRecord Record, byte[] Entry, byte[] LeafHash)
{
    /// <summary>The searchable actor: the certificate subject, else the user, else the OAuth client.</summary>
    public string? Actor => Record.Actor.Subject ?? Record.Actor.User ?? Record.Actor.ClientId;
}
