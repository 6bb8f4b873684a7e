using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Signatures.Validation.Cms;

/// <summary>
/// Reads untrusted bytes as a DER (or BER) ContentInfo holding a SignedData (RFC 5652 §5). The nesting is
/// checked before Bouncy Castle's recursive parser sees the bytes; every way the bytes can be
/// wrong is a reason, never an exception.
/// </summary>
internal static class SignedDataReader
{
    /// <summary>The SignedData in <paramref name="der"/>, or null with the reason in <paramref name="problem"/>.</summary>
    public static SignedDataDocument? TryRead(byte[] der, out string problem)
    {
        if (!BerGuard.IsWellFormed(der))
        {
            problem = "the signature is not one well-formed DER or BER element (truncated, trailing bytes, or nested too deep)";
            return null;
        }

        try
        {
            var info = ContentInfo.GetInstance(Asn1Object.FromByteArray(der));
            if (!PkcsObjectIdentifiers.SignedData.Equals(info.ContentType) || info.Content is null)
            {
                problem = $"the ContentInfo holds {info.ContentType}, not a SignedData";
                return null;
            }

            var data = SignedData.GetInstance(info.Content);
            var content = data.EncapContentInfo.Content is { } c ? Asn1OctetString.GetInstance(c).GetOctets() : null;
            var certificates = new List<X509Certificate>();
            foreach (var choice in data.Certificates ?? new DerSet())
            {
                // Other choices (attribute certificates, other formats) name no signer here.
                if (choice is Asn1Sequence sequence)
                {
                    certificates.Add(new X509Certificate(X509CertificateStructure.GetInstance(sequence)));
                }
            }

            var signers = data.SignerInfos.Cast<Asn1Encodable>().Select(SignerInfo.GetInstance).ToList();
            if (signers.Count == 0)
            {
                problem = "the SignedData has no SignerInfo";
                return null;
            }

            problem = "";
            return new SignedDataDocument(data, data.EncapContentInfo.ContentType, content, certificates, signers);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            problem = "the SignedData is malformed (a field of the wrong type or shape)";
            return null;
        }
    }

    /// <summary>What Bouncy Castle throws for structures of the wrong shape.</summary>
    public static bool IsMalformed(Exception e) => e is ArgumentException or InvalidCastException or IOException or FormatException
        or InvalidOperationException or NullReferenceException or IndexOutOfRangeException or Org.BouncyCastle.Security.Certificates.CertificateException
        or Org.BouncyCastle.Security.SecurityUtilityException;
}
