using Platform.Certificates;
using Platform.Cryptography;
using Platform.TimeStamping;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Signatures.Cades;

/// <summary>
/// Makes CAdES baseline signatures (ETSI EN 319 122-1) at every level, with the platform's key or
/// around a signature value someone else made. B-B costs one signature and one hash of the content;
/// each higher level adds to it: B-T a time-stamp over the signature value, B-LT the certificates
/// and revocation data, B-LTA an archive-time-stamp-v3 over all of that.
/// </summary>
internal sealed class CadesSigner(TimeProvider time, ITimeStampAuthority? timeStamps = null, IRevocationEvidence? evidence = null, IPlatformCertificateIssuer? issuer = null)
{
    private static readonly byte[] Sha256Identifier = Sha256AlgorithmIdentifier();
    private readonly LongTermEvidence longTerm = new(evidence, issuer);

    /// <summary>
    /// Signs <paramref name="content"/> with <paramref name="key"/>, the key of <paramref name="signer"/>;
    /// <paramref name="digest"/> is its digest under the signer's digest algorithm, and <paramref name="contentSha256"/>
    /// its SHA-256 (the same array when that is the signer's digest), hashed once by the caller.
    /// </summary>
    public Task<CadesOutcome> SignAsync(
        SignerCredential signer, ISigningKey key, ReadOnlyMemory<byte> content, byte[] digest, byte[] contentSha256, bool detached, CadesLevel level,
        CancellationToken cancellationToken)
    {
        var signingTime = time.GetUtcNow();
        var signedAttributes = SignedAttributes.Build(digest, signingTime, signer);
        var signatureValue = key.Sign(signedAttributes);
        // Typed: an untyped null here converts to the memory of an empty array, an empty eContent.
        ReadOnlyMemory<byte>? enveloped = detached ? default(ReadOnlyMemory<byte>?) : content;
        return CompleteAsync(signer, signedAttributes, signatureValue, signingTime, enveloped, contentSha256, level, cancellationToken);
    }

    /// <summary>
    /// Writes the signature of <paramref name="signer"/> whose value <paramref name="signatureValue"/> is over
    /// <paramref name="signedAttributes"/> (the DER SET), raised to <paramref name="level"/>.
    /// <paramref name="contentSha256"/> is needed for B-LTA only.
    /// </summary>
    public async Task<CadesOutcome> CompleteAsync(
        SignerCredential signer, byte[] signedAttributes, byte[] signatureValue, DateTimeOffset signingTime, ReadOnlyMemory<byte>? envelopedContent,
        byte[]? contentSha256, CadesLevel level, CancellationToken cancellationToken)
    {
        var parts = new SignedDataParts
        {
            Signer = signer,
            SignedAttributes = signedAttributes,
            SignatureValue = signatureValue,
            Content = envelopedContent,
            Certificates = signer.Certificates,
        };
        if (level == CadesLevel.BaselineB)
        {
            return new(new(signer, SignedDataWriter.Encode(parts), level, signingTime, null, null));
        }

        var (stamp, refused) = await StampAsync(SHA256.HashData(signatureValue), cancellationToken);
        if (stamp is null)
        {
            return CadesOutcome.Failed(CadesFailure.TimeStampUnavailable, refused!);
        }

        parts = parts with { UnsignedAttributes = [Attributes.Of(CadesOids.SignatureTimeStampToken, stamp.Token)] };
        if (level == CadesLevel.BaselineT)
        {
            return new(new(signer, SignedDataWriter.Encode(parts), level, signingTime, stamp.SerialNumber, null));
        }

        var (certificates, revocations, missing) = await longTerm.CollectAsync(signer, stamp.Token, cancellationToken);
        if (certificates is null)
        {
            return CadesOutcome.Failed(CadesFailure.EvidenceUnavailable, missing!);
        }

        parts = parts with { Certificates = certificates, RevocationInfo = revocations! };
        if (level == CadesLevel.BaselineLt)
        {
            return new(new(signer, SignedDataWriter.Encode(parts), level, signingTime, stamp.SerialNumber, null));
        }

        ArgumentNullException.ThrowIfNull(contentSha256);
        // EN 319 122-1 recommends naming the archive time-stamp's hash among the digest algorithms.
        parts = parts with { ExtraDigestAlgorithms = signer.DigestOid == CadesOids.Sha256 ? [] : [Sha256Identifier] };
        var hashIndex = ArchiveTimeStampV3.HashIndex(parts);
        var (archive, archiveRefused) = await StampAsync(ArchiveTimeStampV3.Imprint(parts, contentSha256, hashIndex), cancellationToken);
        if (archive is null)
        {
            return CadesOutcome.Failed(CadesFailure.TimeStampUnavailable, archiveRefused!);
        }

        var token = TimeStampTokens.WithUnsignedAttribute(archive.Token, Attributes.Of(CadesOids.AtsHashIndexV3, hashIndex));
        parts = parts with { UnsignedAttributes = [.. parts.UnsignedAttributes, Attributes.Of(CadesOids.ArchiveTimeStampV3, token)] };
        return new(new(signer, SignedDataWriter.Encode(parts), level, signingTime, stamp.SerialNumber, archive.SerialNumber));
    }

    private async Task<(TimeStampGrant? Grant, string? Refused)> StampAsync(byte[] sha256, CancellationToken cancellationToken)
    {
        if (timeStamps is null)
        {
            return (null, "This node hosts no time-stamp authority.");
        }

        try
        {
            return (await timeStamps.StampAsync(sha256, cancellationToken), null);
        }
        catch (TimeStampUnavailableException e)
        {
            return (null, e.Message);
        }
    }

    private static byte[] Sha256AlgorithmIdentifier()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CadesOids.Sha256);
        }

        return writer.Encode();
    }
}
