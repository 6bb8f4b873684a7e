using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Pki.Tsa.Authority;
using Pki.Tsa.Clock;
using Platform.Cryptography.BouncyCastle;
using Platform.Der;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Pki.Tsa.Protocol;

/// <summary>
/// RFC 3161 with RFC 5816: checks a TimeStampReq and answers with a token signed by the TSA,
/// carrying ESSCertIDv2 (SHA-256), millisecond genTime, the configured accuracy and ordering,
/// the nonce echoed, and the certificates when certReq asks. Every refusal is a TimeStampResp
/// with status rejection and the PKIFailureInfo bit that names it.
/// </summary>
internal sealed class TimeStamper(TsaCredentials credentials, ClockMonitor clock, IOptions<TsaOptions> options, TimeProvider time)
{
    /// <summary>ContentInfo's <c>[0] EXPLICIT</c> content, and SignedData's <c>[0] IMPLICIT</c> certificates.</summary>
    private static readonly Asn1Tag ContentTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    private readonly Lazy<Generators> generators = new(() => CreateGenerators(credentials.Current, options.Value));

    public StampOutcome Stamp(ReadOnlySpan<byte> body)
    {
        var settings = options.Value;
        if (body.Length == 0 || body.Length > settings.MaxRequestBytes || !DerGuard.IsWellFormed(body))
        {
            return Reject(PkiFailureInfo.BadDataFormat, "badDataFormat", "The body is not a DER TimeStampReq within the size limit.");
        }

        TimeStampRequest request;
        try
        {
            request = new TimeStampRequest(TimeStampReq.GetInstance(Asn1Object.FromByteArray(body.ToArray())));
            _ = request.GetMessageImprintDigest();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or FormatException)
        {
            return Reject(PkiFailureInfo.BadDataFormat, "badDataFormat", "The body is not a DER TimeStampReq.");
        }

        if (request.Version != 1)
        {
            return Reject(PkiFailureInfo.BadRequest, "badRequest", "Only TimeStampReq version 1 is known.");
        }

        var algorithm = new DerObjectIdentifier(request.MessageImprintAlgOid);
        if (!ImprintAlgorithms.TryGet(algorithm, out var algorithmName, out var length))
        {
            return Reject(PkiFailureInfo.BadAlg, "badAlg", $"The hash algorithm {algorithm.Id} is not accepted (SHA-1 and MD5 never are).");
        }

        var imprint = request.GetMessageImprintDigest();
        if (imprint.Length != length)
        {
            return Reject(PkiFailureInfo.BadDataFormat, "badDataFormat", $"A {algorithmName} imprint is {length} bytes, not {imprint.Length}.");
        }

        var policy = request.ReqPolicy;
        if (policy is not null && policy != settings.DefaultPolicy && !settings.AcceptedPolicies.Contains(policy))
        {
            return Reject(PkiFailureInfo.UnacceptedPolicy, "unacceptedPolicy", $"The policy {policy} is not offered.");
        }

        var unaccepted = request.GetExtensionOids()?.FirstOrDefault(e => !settings.AcceptedExtensions.Contains(e.Id));
        if (unaccepted is not null)
        {
            return Reject(PkiFailureInfo.UnacceptedExtension, "unacceptedExtension", $"The request extension {unaccepted.Id} is not accepted.");
        }

        if (request.Nonce is { } nonce && (nonce.SignValue < 0 || nonce.ToByteArrayUnsigned().Length > settings.MaxNonceBytes))
        {
            return Reject(PkiFailureInfo.BadRequest, "badRequest", $"The nonce must be a non-negative integer of at most {settings.MaxNonceBytes} bytes.");
        }

        var state = clock.Current;
        if (!state.Available)
        {
            return Reject(PkiFailureInfo.TimeNotAvailable, "timeNotAvailable", "The TSA's clock is not known to be accurate: " + state.Reason);
        }

        return Grant(request, algorithmName, imprint, policy ?? settings.DefaultPolicy);
    }

    private StampOutcome Grant(TimeStampRequest request, string algorithmName, byte[] imprint, string policy)
    {
        var serial = SerialNumber();
        var genTime = time.GetUtcNow();
        var genUtc = genTime.UtcDateTime;
        var pair = generators.Value;
        // The token is always generated without certificates; when certReq asks for them, their
        // encoding (made once) is put in place afterwards. Certificates are outside the signature,
        // and re-encoding the chain for every token cost more than the rest of the CMS work.
        var token = pair.WithoutCertificates.Generate(request, serial, genUtc);
        var response = GrantedResponse(token.ToCmsSignedData().ContentInfo.GetEncoded(Asn1Encodable.Der),
            request.CertReq ? pair.Certificates : null);
        return new StampOutcome(response, true, null, null,
            serial.ToString(16), algorithmName, Convert.ToHexStringLower(imprint), policy,
            new DateTimeOffset(genUtc.Ticks - (genUtc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero));
    }

    private static StampOutcome Reject(int failInfo, string failure, string reason)
    {
        var status = new PkiStatusInfo((int)PkiStatus.Rejection, new PkiFreeText(reason), new PkiFailureInfo(failInfo));
        return new StampOutcome(new TimeStampResp(status, null).GetEncoded(Asn1Encodable.Der), false, failure, reason);
    }

    /// <summary>128 random bits, positive: unique across restarts and nodes without coordination.</summary>
    private static BigInteger SerialNumber()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] = (byte)((bytes[0] & 0x7F) | 0x40);
        return new BigInteger(1, bytes);
    }

    /// <summary>
    /// The DER TimeStampResp for a granted token: status granted, then the token's ContentInfo, with
    /// <paramref name="certificates"/> (the encoded <c>[0] IMPLICIT CertificateSet</c>) put into its
    /// SignedData after encapContentInfo, where CMS places them.
    /// </summary>
    private static byte[] GrantedResponse(byte[] contentInfo, byte[]? certificates)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, 4096);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger((int)PkiStatus.Granted);
            }

            if (certificates is null)
            {
                writer.WriteEncodedValue(contentInfo);
            }
            else
            {
                var content = new AsnReader(contentInfo, AsnEncodingRules.DER).ReadSequence();
                var contentType = content.ReadEncodedValue();
                var signedData = content.ReadSequence(ContentTag).ReadSequence();
                using (writer.PushSequence())
                {
                    writer.WriteEncodedValue(contentType.Span);
                    using (writer.PushSequence(ContentTag))
                    using (writer.PushSequence())
                    {
                        writer.WriteEncodedValue(signedData.ReadEncodedValue().Span); // version
                        writer.WriteEncodedValue(signedData.ReadEncodedValue().Span); // digestAlgorithms
                        writer.WriteEncodedValue(signedData.ReadEncodedValue().Span); // encapContentInfo
                        writer.WriteEncodedValue(certificates);
                        while (signedData.HasData)
                        {
                            writer.WriteEncodedValue(signedData.ReadEncodedValue().Span); // crls (none), signerInfos
                        }
                    }
                }
            }
        }

        return writer.Encode();
    }

    private static Generators CreateGenerators(TsaSigner signer, TsaOptions settings) =>
        new(Create(signer, settings), CertificatesField(signer, settings));

    /// <summary>
    /// The SignedData certificates field, <c>[0] IMPLICIT SET OF Certificate</c> in DER (so sorted),
    /// for tokens whose request has certReq: the TSA certificate, and the chain when configured.
    /// </summary>
    private static byte[] CertificatesField(TsaSigner signer, TsaOptions settings)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf(ContentTag))
        {
            IEnumerable<X509Certificate> certificates = settings.IncludeChain ? [signer.Certificate, .. signer.Chain] : [signer.Certificate];
            foreach (var certificate in certificates)
            {
                writer.WriteEncodedValue(certificate.CertificateStructure.GetEncoded(Asn1Encodable.Der));
            }
        }

        return writer.Encode();
    }

    private static TimeStampTokenGenerator Create(TsaSigner signer, TsaOptions settings)
    {
        var signerInfo = new SignerInfoGeneratorBuilder().Build(new SigningKeySignatureFactory(signer.Key), signer.Certificate);
        // A SHA-256 digest factory makes the generator write ESSCertIDv2 (RFC 5816), never the SHA-1 ESSCertID.
        var generator = new TimeStampTokenGenerator(signerInfo, Asn1DigestFactory.Get(NistObjectIdentifiers.IdSha256),
            new DerObjectIdentifier(settings.DefaultPolicy), isIssuerSerialIncluded: true)
        {
            Resolution = Resolution.R_MILLISECONDS,
        };
        var seconds = settings.AccuracyMilliseconds / 1000;
        var millis = settings.AccuracyMilliseconds % 1000;
        if (seconds > 0)
        {
            generator.SetAccuracySeconds(seconds);
        }

        if (millis > 0)
        {
            generator.SetAccuracyMillis(millis);
        }

        generator.SetOrdering(settings.Ordering);
        return generator;
    }

    private sealed record Generators(TimeStampTokenGenerator WithoutCertificates, byte[] Certificates);
}
