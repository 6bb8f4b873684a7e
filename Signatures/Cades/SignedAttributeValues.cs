using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Signatures.Cades;

/// <summary>
/// The values read back from a DER SET of signed attributes that prepare wrote: exactly contentType
/// (id-data), signingTime, messageDigest and signingCertificateV2, once each, in DER order.
/// </summary>
/// <param name="MessageDigest">The messageDigest value.</param>
/// <param name="SigningTime">The signingTime value.</param>
/// <param name="CertificateHash">The SHA-256 certHash of the first ESSCertIDv2.</param>
internal sealed record SignedAttributeValues(byte[] MessageDigest, DateTimeOffset SigningTime, byte[] CertificateHash)
{
    /// <summary>The values of <paramref name="set"/>; null with why when it is not such a set.</summary>
    public static (SignedAttributeValues? Values, string? Problem) Read(byte[] set)
    {
        try
        {
            var reader = new AsnReader(set, AsnEncodingRules.DER);
            var attributes = reader.ReadSetOf();
            reader.ThrowIfNotEmpty();
            byte[]? digest = null;
            byte[]? certificateHash = null;
            DateTimeOffset? signingTime = null;
            var contentType = false;
            var count = 0;
            while (attributes.HasData)
            {
                count++;
                var attribute = attributes.ReadSequence();
                var type = attribute.ReadObjectIdentifier();
                var values = attribute.ReadSetOf();
                attribute.ThrowIfNotEmpty();
                switch (type)
                {
                    case CadesOids.ContentType:
                        contentType = values.ReadObjectIdentifier() == CadesOids.Data;
                        break;
                    case CadesOids.MessageDigest:
                        digest = values.ReadOctetString();
                        break;
                    case CadesOids.SigningTime:
                        signingTime = values.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? values.ReadUtcTime() : values.ReadGeneralizedTime();
                        break;
                    case CadesOids.SigningCertificateV2:
                        certificateHash = FirstCertificateHash(values.ReadSequence());
                        break;
                    default:
                        return (null, $"The signed attributes carry an attribute ({type}) that prepare does not write.");
                }

                values.ThrowIfNotEmpty();
            }

            return count == 4 && contentType && digest is not null && signingTime is { } time && certificateHash is not null
                ? (new SignedAttributeValues(digest, time, certificateHash), null)
                : (null, "The signed attributes must be contentType (id-data), signingTime, messageDigest and signingCertificateV2, once each.");
        }
        catch (AsnContentException)
        {
            return (null, "signedAttributes is not a DER SET OF Attribute.");
        }
    }

    private static byte[]? FirstCertificateHash(AsnReader signingCertificate)
    {
        var certificates = signingCertificate.ReadSequence();
        var id = certificates.ReadSequence();
        if (id.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            // An explicit hashAlgorithm: only SHA-256 is accepted (and DER would have left it out).
            var algorithm = id.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != CadesOids.Sha256)
            {
                return null;
            }
        }

        var hash = id.ReadOctetString();
        return hash.Length == SHA256.HashSizeInBytes ? hash : null;
    }
}
