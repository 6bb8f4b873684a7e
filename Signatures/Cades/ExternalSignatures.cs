using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Cryptography;
using Platform.Http;
using Signatures.Seals;
using System.Security.Cryptography;

namespace Signatures.Cades;

/// <summary>
/// Signatures made with the caller's own key, which never leaves them. <see cref="PrepareAsync"/> gives the
/// exact bytes to sign (the DER SET of signed attributes over the document's digest and the caller's
/// certificate); <see cref="AssembleAsync"/> takes them back with the signature value and writes the
/// CAdES signature. Nothing is kept between the two: the assembly checks everything again, the
/// certificate, that the attributes carry the document's digest and that certificate, and that the
/// value verifies, before it answers anything. Each assembly is one <c>signature.assemble</c> event.
/// </summary>
internal sealed class ExternalSignatures(
    SignerCertificates certificates, CadesSigner signer, IAuditTrail audit, TimeProvider time, IOptions<SignaturesOptions> options)
{
    private const int MaxSignedAttributesBytes = 16 * 1024;
    private const int MaxSignatureValueBytes = 2048;

    /// <summary>The signed attributes to sign for <paramref name="request"/>.</summary>
    public async Task<SealResult<PrepareResponse>> PrepareAsync(PrepareRequest request, string? callerSubject, CancellationToken cancellationToken)
    {
        var (credential, code, detail) = await certificates.JudgeAsync(request.Certificate, callerSubject, cancellationToken);
        if (credential is null)
        {
            return SealResult<PrepareResponse>.Refused(code!, detail!);
        }

        byte[] digest;
        if (request.Content is not null == request.Digest is not null)
        {
            return SealResult<PrepareResponse>.Refused(ProblemCodes.SignatureContentInvalid, "Send content or digest (base64), one of them.");
        }

        if (request.Content is not null)
        {
            var (content, problem, why) = ContentInput.Decode(request.Content, "content", options.Value.MaxContentBytes);
            if (content is null)
            {
                return SealResult<PrepareResponse>.Refused(problem!, why!);
            }

            digest = credential.Digest(content);
        }
        else
        {
            var (given, problem, why) = ContentInput.Decode(request.Digest, "digest", 64);
            if (given is null || given.Length != credential.DigestLength)
            {
                return SealResult<PrepareResponse>.Refused(problem ?? ProblemCodes.SignatureContentInvalid,
                    why ?? $"digest must be the {credential.DigestLength}-byte {DigestName(credential.DigestOid)} of the document.");
            }

            digest = given;
        }

        var signingTime = time.GetUtcNow();
        var attributes = SignedAttributes.Build(digest, signingTime, credential);
        return new(new PrepareResponse(Convert.ToBase64String(attributes), DigestName(credential.DigestOid), SchemeName(credential.Scheme),
            DateTimeOffset.FromUnixTimeSeconds(signingTime.ToUnixTimeSeconds())));
    }

    /// <summary>The CAdES signature assembled from <paramref name="request"/>, or why not; audited once either way.</summary>
    public async Task<SealResult<CadesSignature>> AssembleAsync(SignRequest request, string? callerSubject, AuditEvent origin, CancellationToken cancellationToken)
    {
        if (!CadesLevels.TryParse(request.Level, out var level))
        {
            return await RefuseAsync(origin, null, ProblemCodes.SignatureLevelInvalid, $"level is one of {string.Join(", ", CadesLevels.All)}.", cancellationToken);
        }

        var (credential, code, detail) = await certificates.JudgeAsync(request.Certificate, callerSubject, cancellationToken);
        if (credential is null)
        {
            return await RefuseAsync(origin, null, code!, detail!, cancellationToken, code == ProblemCodes.SignerCertificateForeign ? AuditOutcome.Denied : AuditOutcome.Failure);
        }

        var target = credential.SerialNumber;
        var detached = request.Detached == true;
        byte[]? content = null;
        if (request.Content is not null || !detached)
        {
            (content, code, detail) = ContentInput.Decode(request.Content, "content", options.Value.MaxContentBytes);
            if (content is null)
            {
                return await RefuseAsync(origin, target, code!, detail!, cancellationToken);
            }
        }

        var (attributes, _, attributesDetail) = ContentInput.Decode(request.SignedAttributes, "signedAttributes", MaxSignedAttributesBytes);
        var (value, _, valueDetail) = ContentInput.Decode(request.SignatureValue, "signatureValue", MaxSignatureValueBytes);
        if (attributes is null || value is null)
        {
            var field = attributes is null ? attributesDetail : valueDetail;
            return await RefuseAsync(origin, target, attributes is null ? ProblemCodes.SignedAttributesInvalid : ProblemCodes.SignatureValueInvalid,
                field ?? "signedAttributes and signatureValue are required (base64).", cancellationToken);
        }

        var (values, invalid) = SignedAttributeValues.Read(attributes);
        if (values is null)
        {
            return await RefuseAsync(origin, target, ProblemCodes.SignedAttributesInvalid, invalid!, cancellationToken);
        }

        if (!values.CertificateHash.AsSpan().SequenceEqual(SHA256.HashData(credential.Certificate)))
        {
            return await RefuseAsync(origin, target, ProblemCodes.SignedAttributesInvalid,
                "The signed attributes' signingCertificateV2 names another certificate than the one sent.", cancellationToken);
        }

        var digest = content is null ? values.MessageDigest : credential.Digest(content);
        if (!CryptographicOperations.FixedTimeEquals(digest, values.MessageDigest) || digest.Length != credential.DigestLength)
        {
            return await RefuseAsync(origin, target, ProblemCodes.SignedAttributesInvalid,
                "The signed attributes' messageDigest is not the digest of the content sent.", cancellationToken);
        }

        if (!SignatureVerifier.Verify(credential.SubjectPublicKeyInfo, credential.Scheme, attributes, value))
        {
            return await RefuseAsync(origin, target, ProblemCodes.SignatureValueInvalid,
                "signatureValue does not verify over signedAttributes with the certificate's key.", cancellationToken);
        }

        byte[]? contentSha256 = null;
        if (level == CadesLevel.BaselineLta)
        {
            contentSha256 = content is not null ? SHA256.HashData(content) : credential.DigestOid == CadesOids.Sha256 ? values.MessageDigest : null;
            if (contentSha256 is null)
            {
                return await RefuseAsync(origin, target, ProblemCodes.SignatureContentInvalid,
                    "A detached B-LTA signature whose digest is not SHA-256 needs the content, for its archive time-stamp.", cancellationToken);
            }
        }

        // Typed: an untyped null here converts to the memory of an empty array, an empty eContent.
        ReadOnlyMemory<byte>? enveloped = detached || content is null ? default(ReadOnlyMemory<byte>?) : content.AsMemory();
        var outcome = await signer.CompleteAsync(credential, attributes, value, values.SigningTime, enveloped, contentSha256, level, cancellationToken);
        if (outcome.Signature is not { } signature)
        {
            return await RefuseAsync(origin, target, ProblemCodes.SignatureLevelUnavailable, outcome.Detail!, cancellationToken);
        }

        var details = new Dictionary<string, string>
        {
            ["messageDigest"] = Convert.ToHexStringLower(values.MessageDigest),
            ["level"] = level.Name(),
            ["detached"] = detached ? "true" : "false",
            ["signer"] = credential.SerialNumber,
            ["signerSubject"] = credential.Subject,
        };
        if (signature.TimeStampSerial is { } stamp)
        {
            details["timestamp"] = stamp;
        }

        if (signature.ArchiveTimeStampSerial is { } archive)
        {
            details["archiveTimestamp"] = archive;
        }

        await audit.RecordAsync(origin with { Outcome = AuditOutcome.Success, Target = target, Details = details }, cancellationToken);
        return new(signature);
    }

    /// <summary>The digest's name as prepare reports it: SHA-256, SHA-384, SHA-512 or SM3.</summary>
    public static string DigestName(string oid) => oid switch
    {
        CadesOids.Sha256 => "SHA-256",
        "2.16.840.1.101.3.4.2.2" => "SHA-384",
        "2.16.840.1.101.3.4.2.3" => "SHA-512",
        _ => "SM3",
    };

    private static string SchemeName(SignatureScheme scheme) => scheme switch
    {
        SignatureScheme.RsaPkcs1Sha256 => "RSA-PKCS1-SHA256",
        SignatureScheme.EcdsaSha256 => "ECDSA-SHA256",
        SignatureScheme.EcdsaSha384 => "ECDSA-SHA384",
        SignatureScheme.Ed25519 => "Ed25519",
        SignatureScheme.Sm2Sm3 => "SM2-SM3",
        _ => scheme.ToString(),
    };

    private async Task<SealResult<CadesSignature>> RefuseAsync(
        AuditEvent origin, string? target, ProblemCode code, string detail, CancellationToken cancellationToken, AuditOutcome outcome = AuditOutcome.Failure)
    {
        await audit.RecordAsync(origin with
        {
            Outcome = outcome,
            Target = target,
            Details = new Dictionary<string, string> { ["code"] = code.Value, ["reason"] = detail },
        }, cancellationToken);
        return SealResult<CadesSignature>.Refused(code, detail);
    }
}
