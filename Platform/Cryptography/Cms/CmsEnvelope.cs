using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;

namespace Platform.Cryptography.Cms;

/// <summary>
/// A CMS envelope as <see cref="CmsEnvelopeReader"/> read it: who its recipients are, and a way
/// to open it with the private key of one of them.
/// </summary>
public sealed class CmsEnvelope
{
    private readonly IReadOnlyList<CmsEnvelopeRecipient> recipients;
    private readonly AlgorithmIdentifier contentAlgorithm;
    private readonly int contentKeyBytes;
    private readonly byte[] ciphertext;
    private readonly byte[]? mac;
    private readonly byte[] additionalData;

    internal CmsEnvelope(
        bool isAuthenticated, IReadOnlyList<CmsEnvelopeRecipient> recipients, AlgorithmIdentifier contentAlgorithm, int contentKeyBytes, byte[] ciphertext, byte[]? mac,
        byte[] additionalData)
    {
        IsAuthenticated = isAuthenticated;
        this.recipients = recipients;
        this.contentAlgorithm = contentAlgorithm;
        this.contentKeyBytes = contentKeyBytes;
        this.ciphertext = ciphertext;
        this.mac = mac;
        this.additionalData = additionalData;
    }

    /// <summary>Whether it is AuthEnvelopedData, whose content is authenticated by its tag.</summary>
    public bool IsAuthenticated { get; }

    /// <summary>The content-encryption algorithm's object identifier, e.g. <c>2.16.840.1.101.3.4.1.46</c> (AES-256-GCM).</summary>
    public string ContentEncryptionAlgorithm => contentAlgorithm.Algorithm.Id;

    /// <summary>The recipients that transport or agree a content key (RSA, EC, SM2), in the envelope's order.</summary>
    public IReadOnlyList<CmsRecipientIdentifier> Recipients => [.. recipients.Select(r => r.Identifier)];

    /// <summary>
    /// The content, opened with <paramref name="pkcs8"/>, the private key of the recipient
    /// <paramref name="recipient"/>; or why not (<see cref="CmsEnvelopeErrorKind.Undecryptable"/>
    /// for another key or altered bytes, <see cref="CmsEnvelopeErrorKind.AlgorithmUnsupported"/>).
    /// </summary>
    public CmsDecryption Decrypt(CmsRecipientIdentifier recipient, ReadOnlySpan<byte> pkcs8)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (recipients.FirstOrDefault(r => r.Identifier.Matches(recipient)) is not { } entry)
        {
            return Failed(CmsEnvelopeErrorKind.Undecryptable, $"The envelope has no recipient {recipient}.");
        }

        using var key = RecipientPrivateKey.Read(pkcs8);
        var (contentKey, error) = (entry, key) switch
        {
            (_, null) => (null, new(CmsEnvelopeErrorKind.Undecryptable, "The private key is not an RSA, ECDSA P-256/P-384 or SM2 key in PKCS #8.")),
            ({ Transport: { } transport }, { Rsa: { } rsa }) => RsaOaepKeyTransport.Unwrap(transport, rsa),
            ({ Transport: { } transport }, { IsSm2: true, Ec: { } sm2 }) => Sm2KeyTransport.Unwrap(transport, sm2),
            ({ Agreement: { } agreement, AgreedKey: { } agreed }, { IsSm2: false, Ec: { } ec }) => EcdhKeyAgreement.Unwrap(agreement, agreed, ec),
            _ => ((byte[]?)null, (CmsEnvelopeError?)new CmsEnvelopeError(CmsEnvelopeErrorKind.Undecryptable, "The recipient's key is not of the type its recipient info needs.")),
        };
        if (contentKey is null)
        {
            return new(null, error);
        }

        try
        {
            if (contentKey.Length != contentKeyBytes)
            {
                return Failed(CmsEnvelopeErrorKind.Undecryptable, "The content key has the wrong length for the content's cipher.");
            }

            return ContentCipher.Decrypt(contentAlgorithm, contentKey, ciphertext, mac, additionalData) is { } content
                ? new(content, null)
                : Failed(CmsEnvelopeErrorKind.Undecryptable, IsAuthenticated
                    ? "The content does not decrypt: its authentication tag does not verify (altered, or another key)."
                    : "The content does not decrypt: its padding is wrong (altered, or another key).");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
        }
    }

    private static CmsDecryption Failed(CmsEnvelopeErrorKind kind, string detail) => new(null, new(kind, detail));
}
