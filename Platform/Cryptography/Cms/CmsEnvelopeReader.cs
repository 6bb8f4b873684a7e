using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Platform.Der;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;

namespace Platform.Cryptography.Cms;

/// <summary>
/// Reads untrusted CMS envelopes defensively: one DER ContentInfo (definite lengths, bounded
/// nesting, checked before any recursive parser sees it) holding EnvelopedData (RFC 5652 §6) or
/// AuthEnvelopedData (RFC 5083) with its encrypted content attached. Bytes of any other shape
/// are a <see cref="CmsEnvelopeErrorKind.Malformed"/> value, never an exception.
/// </summary>
public static class CmsEnvelopeReader
{
    /// <summary>The envelope in <paramref name="der"/>, listing its recipients; or why it cannot be read.</summary>
    public static CmsEnvelopeReading Read(ReadOnlySpan<byte> der)
    {
        if (!DerGuard.IsWellFormed(der))
        {
            return Malformed("The envelope is not one DER element: it is cut short, has trailing bytes, indefinite lengths or nests too deep.");
        }

        try
        {
            var info = ContentInfo.GetInstance(Asn1Object.FromByteArray(der.ToArray()));
            var type = info.ContentType;
            Asn1Set recipientInfos;
            EncryptedContentInfo encrypted;
            byte[]? mac = null;
            byte[] additionalData = [];
            if (type.Equals(CmsObjectIdentifiers.EnvelopedData))
            {
                var enveloped = EnvelopedData.GetInstance(info.Content);
                recipientInfos = enveloped.RecipientInfos;
                encrypted = enveloped.EncryptedContentInfo;
            }
            else if (type.Equals(CmsObjectIdentifiers.AuthEnvelopedData))
            {
                var enveloped = AuthEnvelopedData.GetInstance(info.Content);
                recipientInfos = enveloped.RecipientInfos;
                encrypted = enveloped.AuthEncryptedContentInfo;
                mac = enveloped.Mac.GetOctets();
                // RFC 5083 §2.1: the MAC covers the authenticated attributes' DER, with the SET OF tag.
                additionalData = enveloped.AuthAttrs?.GetEncoded(Asn1Encodable.Der) ?? [];
            }
            else
            {
                return Malformed($"The ContentInfo holds {type.Id}, not EnvelopedData or AuthEnvelopedData.");
            }

            if (encrypted.EncryptedContent is null)
            {
                return Malformed("The envelope's encrypted content is detached; the platform opens envelopes that carry it.");
            }

            var (keyBytes, authenticated, unsupported) = ContentCipher.Describe(encrypted.ContentEncryptionAlgorithm);
            if (unsupported is not null)
            {
                return new(null, unsupported);
            }

            if (authenticated != (mac is not null))
            {
                return new(null, new(CmsEnvelopeErrorKind.AlgorithmUnsupported, authenticated
                    ? "An authenticated cipher (GCM) belongs in AuthEnvelopedData, not EnvelopedData."
                    : "AuthEnvelopedData must use an authenticated cipher (AES-GCM)."));
            }

            var recipients = new List<CmsEnvelopeRecipient>();
            foreach (var element in recipientInfos)
            {
                switch (RecipientInfo.GetInstance(element).Info)
                {
                    case KeyTransRecipientInfo transport:
                        recipients.Add(new(RecipientIds.Read(transport.RecipientIdentifier), transport, null, null));
                        break;
                    case KeyAgreeRecipientInfo agreement:
                        foreach (var key in agreement.RecipientEncryptedKeys)
                        {
                            var encryptedKey = RecipientEncryptedKey.GetInstance(key);
                            recipients.Add(new(RecipientIds.Read(encryptedKey.Identifier), null, agreement, encryptedKey));
                        }

                        break;
                    // Key-encryption-key, password and other recipients hold no key the platform could have.
                }
            }

            return new(new CmsEnvelope(type.Equals(CmsObjectIdentifiers.AuthEnvelopedData), recipients, encrypted.ContentEncryptionAlgorithm, keyBytes,
                encrypted.EncryptedContent.GetOctets(), mac, additionalData), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException or FormatException or NullReferenceException)
        {
            // Bouncy Castle reports a wrong structure with any of these; none is the platform's bug.
            return Malformed("The envelope is not a CMS EnvelopedData or AuthEnvelopedData.");
        }
    }

    private static CmsEnvelopeReading Malformed(string detail) => new(null, new(CmsEnvelopeErrorKind.Malformed, detail));
}
