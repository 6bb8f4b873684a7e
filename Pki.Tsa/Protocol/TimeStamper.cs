using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Pki.Tsa.Authority;
using Pki.Tsa.Clock;
using Platform.Keys;
using Platform.Cryptography.BouncyCastle;
using Platform.Der;
using System.Formats.Asn1;

namespace Pki.Tsa.Protocol;

/// <summary>
/// RFC 3161 with RFC 5816: checks a TimeStampReq and answers with a token signed by the TSA,
/// carrying ESSCertIDv2 (SHA-256), millisecond genTime, the configured accuracy and ordering,
/// the nonce echoed, and the certificates when certReq asks. Every refusal is a TimeStampResp
/// with status rejection and the PKIFailureInfo bit that names it. Requests are read with
/// <see cref="TimeStampQueryReader"/> and tokens written with <see cref="TokenWriter"/>: one
/// signature per token and little else.
/// </summary>
internal sealed class TimeStamper(TsaCredentials credentials, ClockMonitor clock, IOptions<TsaOptions> options, TimeProvider time)
{
    /// <summary>ContentInfo's <c>[0] EXPLICIT</c> content, and SignedData's <c>[0] IMPLICIT</c> certificates.</summary>
    private static readonly Asn1Tag ContentTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    // Made at the first request: the credentials exist only once start-up has run.
    private readonly Lazy<TokenWriter> writer = new(() => CreateWriter(credentials.Current, options.Value));

    public StampOutcome Stamp(ReadOnlyMemory<byte> body)
    {
        var settings = options.Value;
        if (body.Length == 0 || body.Length > settings.MaxRequestBytes || !DerGuard.IsWellFormed(body.Span))
        {
            return Reject(PkiFailureInfo.BadDataFormat, "badDataFormat", "The body is not a DER TimeStampReq within the size limit.");
        }

        if (TimeStampQueryReader.Read(body) is not { } query)
        {
            return Reject(PkiFailureInfo.BadDataFormat, "badDataFormat", "The body is not a DER TimeStampReq.");
        }

        if (!query.IsVersion1)
        {
            return Reject(PkiFailureInfo.BadRequest, "badRequest", "Only TimeStampReq version 1 is known.");
        }

        if (!ImprintAlgorithms.TryGet(query.HashAlgorithm, out var algorithmName, out var length))
        {
            return Reject(PkiFailureInfo.BadAlg, "badAlg", $"The hash algorithm {query.HashAlgorithm} is not accepted (SHA-1 and MD5 never are).");
        }

        if (query.HashedMessage.Length != length)
        {
            return Reject(PkiFailureInfo.BadDataFormat, "badDataFormat", $"A {algorithmName} imprint is {length} bytes, not {query.HashedMessage.Length}.");
        }

        var policy = query.Policy;
        if (policy is not null && policy != settings.DefaultPolicy && !settings.AcceptedPolicies.Contains(policy))
        {
            return Reject(PkiFailureInfo.UnacceptedPolicy, "unacceptedPolicy", $"The policy {policy} is not offered.");
        }

        var unaccepted = query.ExtensionOids.FirstOrDefault(e => !settings.AcceptedExtensions.Contains(e));
        if (unaccepted is not null)
        {
            return Reject(PkiFailureInfo.UnacceptedExtension, "unacceptedExtension", $"The request extension {unaccepted} is not accepted.");
        }

        if (query.Nonce is { } nonce && !IsAcceptedNonce(nonce.Span, settings.MaxNonceBytes))
        {
            return Reject(PkiFailureInfo.BadRequest, "badRequest", $"The nonce must be a non-negative integer of at most {settings.MaxNonceBytes} bytes.");
        }

        var state = clock.Current;
        if (!state.Available)
        {
            return Reject(PkiFailureInfo.TimeNotAvailable, "timeNotAvailable", "The TSA's clock is not known to be accurate: " + state.Reason);
        }

        return Grant(query, algorithmName, policy ?? settings.DefaultPolicy);
    }

    private StampOutcome Grant(TimeStampQuery query, string algorithmName, string policy)
    {
        // genTime to the millisecond, the resolution the tokens state; the serial is ordered by it.
        var now = time.GetUtcNow();
        var genTime = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var serial = TokenSerial.Create(genTime);
        byte[] response;
        try
        {
            response = writer.Value.Write(query, policy, serial, genTime);
        }
        catch (KeyStoreUnavailableException e)
        {
            return Reject(PkiFailureInfo.SystemFailure, "systemFailure", "The TSA's signing key is unavailable now; try later. " + e.Message);
        }

        return new StampOutcome(response, true, null, null,
            Convert.ToHexStringLower(serial), algorithmName, Convert.ToHexStringLower(query.HashedMessage.Span), policy, genTime);
    }

    /// <summary>A nonce's INTEGER content octets: not negative, and at most <paramref name="maxBytes"/> once a sign octet is dropped.</summary>
    private static bool IsAcceptedNonce(ReadOnlySpan<byte> nonce, int maxBytes)
    {
        if ((nonce[0] & 0x80) != 0)
        {
            return false;
        }

        return (nonce[0] == 0 ? nonce.Length - 1 : nonce.Length) <= maxBytes;
    }

    private static StampOutcome Reject(int failInfo, string failure, string reason)
    {
        var status = new PkiStatusInfo((int)PkiStatus.Rejection, new PkiFreeText(reason), new PkiFailureInfo(failInfo));
        return new StampOutcome(new TimeStampResp(status, null).GetEncoded(Asn1Encodable.Der), false, failure, reason);
    }

    /// <summary>
    /// The token writer for this key: its template comes from one token of Bouncy Castle's generator,
    /// configured as the settings say, so every token has exactly the generator's structure.
    /// </summary>
    private static readonly DateTime SampleTime = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    internal static TokenWriter CreateWriter(TsaSigner signer, TsaOptions settings)
    {
        var sample = new TimeStampRequestGenerator().Generate(NistObjectIdentifiers.IdSha256, new byte[32], BigInteger.One);
        // The sample's time is discarded with its TSTInfo: only the fixed parts become the template.
        var token = CreateGenerator(signer, settings).Generate(sample, BigInteger.One, SampleTime);
        var template = TokenTemplate.FromSample(token.ToCmsSignedData().ContentInfo.GetEncoded(Asn1Encodable.Der));
        return new TokenWriter(template, signer.Key, CertificatesField(signer, settings));
    }

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

    /// <summary>Bouncy Castle's generator as the settings configure it; the template is taken from its output.</summary>
    internal static TimeStampTokenGenerator CreateGenerator(TsaSigner signer, TsaOptions settings)
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
}
