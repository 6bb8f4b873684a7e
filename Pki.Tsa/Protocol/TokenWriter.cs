using Org.BouncyCastle.Security;
using Platform.Cryptography;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Pki.Tsa.Protocol;

/// <summary>
/// Writes a granted TimeStampResp directly in DER: the TSTInfo, the two signed attributes that
/// change per token (signingTime, messageDigest) beside the template's fixed ones, one signature
/// with the TSA key over the DER SET OF signed attributes (RFC 5652 §5.4), and, for certReq, the
/// certificates field encoded once. Only the signature is cryptographic work; the rest is one
/// pass of <see cref="AsnWriter"/>.
/// </summary>
internal sealed class TokenWriter(TokenTemplate template, ISigningKey key, byte[] certificates)
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);

    /// <summary>The DER TimeStampResp with status granted and the token.</summary>
    public byte[] Write(TimeStampQuery query, string policy, ReadOnlySpan<byte> serial, DateTimeOffset genTime)
    {
        var tstInfo = TstInfo(query, policy, serial, genTime);
        var signedAttributes = SignedAttributes(genTime, Digest(tstInfo));
        var signature = key.Sign(signedAttributes);
        // In SignerInfo the same SET OF is [0] IMPLICIT; the signature covers the universal SET tag.
        signedAttributes[0] = 0xA0;

        var writer = new AsnWriter(AsnEncodingRules.DER, 1024 + (query.CertReq ? certificates.Length : 0));
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0); // PKIStatus granted
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(TokenTemplate.SignedDataOid);
                using (writer.PushSequence(Context0))
                using (writer.PushSequence())
                {
                    writer.WriteEncodedValue(template.SignedDataVersion);
                    writer.WriteEncodedValue(template.DigestAlgorithms);
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(TokenTemplate.TstInfoOid);
                        using (writer.PushSequence(Context0))
                        {
                            writer.WriteOctetString(tstInfo);
                        }
                    }

                    if (query.CertReq)
                    {
                        writer.WriteEncodedValue(certificates);
                    }

                    using (writer.PushSetOf())
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(template.SignerInfoVersion);
                        writer.WriteEncodedValue(template.SignerIdentifier);
                        writer.WriteEncodedValue(template.DigestAlgorithm);
                        writer.WriteEncodedValue(signedAttributes);
                        writer.WriteEncodedValue(template.SignatureAlgorithm);
                        writer.WriteOctetString(signature);
                    }
                }
            }
        }

        return writer.Encode();
    }

    private byte[] TstInfo(TimeStampQuery query, string policy, ReadOnlySpan<byte> serial, DateTimeOffset genTime)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, 256);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(template.TstInfoVersion);
            writer.WriteObjectIdentifier(policy);
            writer.WriteEncodedValue(query.MessageImprint.Span);
            writer.WriteInteger(serial);
            // DER GeneralizedTime: fractional seconds without trailing zeros, none when zero (RFC 3161 §2.4.2).
            writer.WriteGeneralizedTime(genTime, omitFractionalSeconds: false);
            if (template.AccuracyAndOrdering.Length > 0)
            {
                writer.WriteEncodedValue(template.AccuracyAndOrdering);
            }

            if (query.Nonce is { } nonce)
            {
                writer.WriteInteger(nonce.Span);
            }

            if (template.TsaName.Length > 0)
            {
                writer.WriteEncodedValue(template.TsaName);
            }
        }

        return writer.Encode();
    }

    /// <summary>The DER SET OF signed attributes (sorted, as DER wants a SET OF).</summary>
    private byte[] SignedAttributes(DateTimeOffset genTime, byte[] digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, 512);
        using (writer.PushSetOf())
        {
            foreach (var attribute in template.FixedAttributes)
            {
                writer.WriteEncodedValue(attribute);
            }

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(TokenTemplate.SigningTimeOid);
                using (writer.PushSetOf())
                {
                    // RFC 5652 §11.3: UTCTime from 1950 to 2049, GeneralizedTime otherwise; whole seconds.
                    var seconds = genTime.AddTicks(-(genTime.UtcTicks % TimeSpan.TicksPerSecond));
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

            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(TokenTemplate.MessageDigestOid);
                using (writer.PushSetOf())
                {
                    writer.WriteOctetString(digest);
                }
            }
        }

        return writer.Encode();
    }

    private byte[] Digest(byte[] data) => template.DigestOid switch
    {
        "2.16.840.1.101.3.4.2.1" => SHA256.HashData(data),
        "2.16.840.1.101.3.4.2.2" => SHA384.HashData(data),
        "2.16.840.1.101.3.4.2.3" => SHA512.HashData(data),
        // SM3 and anything else the generator chose: Bouncy Castle, which knows them all.
        _ => DigestUtilities.CalculateDigest(template.DigestOid, data),
    };
}
