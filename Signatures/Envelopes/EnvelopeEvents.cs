namespace Signatures.Envelopes;

/// <summary>
/// The audit actions of encryption. Only decryption is audited: it uses a key the platform holds
/// for a department. Encryption uses public keys only — anyone holding the certificates can do
/// the same offline — so it grants nothing and reveals nothing worth an event.
/// </summary>
internal static class EnvelopeEvents
{
    public const string Module = "signatures";
    public const string Decrypt = "envelope.decrypt";
}
