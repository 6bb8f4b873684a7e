using System.Formats.Asn1;

namespace Signatures.Cades;

/// <summary>
/// The signed attributes of a CAdES baseline signature (EN 319 122-1 §5.2): contentType (id-data),
/// signingTime, messageDigest and signingCertificateV2, as the DER SET that is signed. In the
/// SignerInfo the same bytes carry the tag [0] instead of SET (RFC 5652 §5.4).
/// </summary>
internal static class SignedAttributes
{
    /// <summary>The DER SET OF Attribute over <paramref name="messageDigest"/>, signed by <paramref name="signer"/> at <paramref name="signingTime"/>.</summary>
    public static byte[] Build(ReadOnlySpan<byte> messageDigest, DateTimeOffset signingTime, SignerCredential signer)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 256 + signer.SigningCertificateV2.Length);
        // DER sorts the SET OF when it is popped, which is the order a verifier re-encodes it in.
        using (writer.PushSetOf())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CadesOids.ContentType);
                using (writer.PushSetOf())
                {
                    writer.WriteObjectIdentifier(CadesOids.Data);
                }
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CadesOids.SigningTime);
                using (writer.PushSetOf())
                {
                    WriteTime(writer, signingTime);
                }
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(CadesOids.MessageDigest);
                using (writer.PushSetOf())
                {
                    writer.WriteOctetString(messageDigest);
                }
            }

            writer.WriteEncodedValue(signer.SigningCertificateV2);
        }

        return writer.Encode();
    }

    /// <summary>RFC 5652 §11.3: UTCTime for 1950 to 2049, GeneralizedTime otherwise; whole seconds.</summary>
    private static void WriteTime(AsnWriter writer, DateTimeOffset time)
    {
        var seconds = new DateTimeOffset(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (seconds.Year is >= 1950 and < 2050)
        {
            writer.WriteUtcTime(seconds);
        }
        else
        {
            writer.WriteGeneralizedTime(seconds, omitFractionalSeconds: true);
        }
    }
}
