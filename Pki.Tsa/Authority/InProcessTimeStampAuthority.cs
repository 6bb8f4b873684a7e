using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Pki.Tsa.Protocol;
using Platform.TimeStamping;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Pki.Tsa.Authority;

/// <summary>
/// <see cref="ITimeStampAuthority"/> for modules in this process: the request goes through the same
/// <see cref="TimeStamper"/> as <c>POST /tsa</c> (certReq set, a random nonce), so a token asked for
/// here is checked and written exactly like one asked for over HTTP.
/// </summary>
internal sealed class InProcessTimeStampAuthority(TimeStamper stamper, Metrics.TsaMetrics metrics) : ITimeStampAuthority
{
    public Task<TimeStampGrant> StampAsync(ReadOnlyMemory<byte> sha256, CancellationToken cancellationToken = default)
    {
        if (sha256.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("A SHA-256 digest is 32 bytes.", nameof(sha256));
        }

        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var nonce = new BigInteger(1, RandomNumberGenerator.GetBytes(8));
        var request = generator.Generate(NistObjectIdentifiers.IdSha256, sha256.ToArray(), nonce);
        var outcome = stamper.Stamp(request.GetEncoded());
        metrics.Answered(outcome);
        if (!outcome.Granted)
        {
            throw new TimeStampUnavailableException($"The time-stamp authority refused ({outcome.Failure}): {outcome.Reason}");
        }

        // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }: the
        // token is the second element, taken as it is written rather than parsed into objects.
        var response = new AsnReader(outcome.Response, AsnEncodingRules.DER).ReadSequence();
        response.ReadEncodedValue();
        var token = response.ReadEncodedValue().ToArray();
        return Task.FromResult(new TimeStampGrant(token, outcome.SerialNumber!, outcome.GenTime!.Value));
    }
}
