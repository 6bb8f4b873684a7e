using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Cryptography.Cms;
using Platform.Der;
using Platform.Http;

namespace Signatures.Envelopes;

/// <summary>
/// Judges the certificates a caller asks to encrypt to: each must be one the platform's CA issued
/// (the same bytes under its serial number, signed by its issuing CA), within its validity, not
/// revoked or on hold, with a key that can receive an envelope and a key usage that permits it —
/// keyEncipherment for key transport (RSA, SM2), keyAgreement for ECDH (ECDSA P-256/P-384).
/// </summary>
internal sealed class RecipientCertificates(IPlatformCertificateIssuer? issuer, ICertificateStatusSource? statuses, TimeProvider time)
{
    /// <summary>The largest PEM certificate accepted.</summary>
    public const int MaxPemChars = 16 * 1024;

    /// <summary>Whether this node can judge recipients at all.</summary>
    public bool IsAvailable => issuer is not null;

    public async Task<RecipientCheck> CheckAsync(string? pem, int index, CancellationToken cancellationToken)
    {
        var which = $"recipients[{index}]";
        if (Parse(pem) is not { } certificate)
        {
            return Refused(ProblemCodes.EncryptionRecipientsInvalid, $"{which} is not one PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        var serial = certificate.SerialNumber.Value.ToString(16);
        var key = PublicKeys.Describe(certificate.SubjectPublicKeyInfo);
        if (!CmsEnvelopeWriter.CanEncryptTo(key.Algorithm))
        {
            return Refused(ProblemCodes.EncryptionRecipientUnusable, $"{which} ({serial}) has a {key.Description} key, which cannot receive an encrypted document.");
        }

        var needed = key.Algorithm is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 ? (KeyUsage.KeyAgreement, "keyAgreement") : (KeyUsage.KeyEncipherment, "keyEncipherment");
        if (KeyUsage.FromExtensions(certificate.TbsCertificate.Extensions) is { } usage && (usage.IntValue & needed.Item1) == 0)
        {
            return Refused(ProblemCodes.EncryptionRecipientUnusable, $"{which} ({serial}) does not allow {needed.Item2}, which encryption to its {key.Description} key needs.");
        }

        var now = time.GetUtcNow();
        if (now < certificate.StartDate.ToDateTime() || now > certificate.EndDate.ToDateTime())
        {
            return Refused(ProblemCodes.EncryptionRecipientExpired, $"{which} ({serial}) is valid from {certificate.StartDate.ToDateTime():O} to {certificate.EndDate.ToDateTime():O}.");
        }

        if (statuses is not null)
        {
            await statuses.TrackAsync([serial], cancellationToken);
            var status = statuses.StatusOf(serial);
            if (status is CertificateHolderStatus.Revoked or CertificateHolderStatus.OnHold)
            {
                return Refused(ProblemCodes.EncryptionRecipientRevoked, $"{which} ({serial}) is {(status == CertificateHolderStatus.Revoked ? "revoked" : "on hold")}.");
            }
        }

        var current = await issuer!.FindCurrentAsync(serial, cancellationToken);
        if (current is null || !current.Certificate.AsSpan().SequenceEqual(certificate.GetDerEncoded()) || !SignedBy(certificate, current.Chain))
        {
            return Refused(ProblemCodes.EncryptionRecipientUntrusted, $"{which} ({serial}) is not a current certificate of the platform's CA.");
        }

        return new(CmsRecipient.Of(certificate));
    }

    private static X509CertificateStructure? Parse(string? pem)
    {
        if (pem is null || pem.Length > MaxPemChars || !PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "CERTIFICATE"
            || pem[fields.Location.End..].Trim().Length > 0)
        {
            return null;
        }

        try
        {
            var der = Convert.FromBase64String(pem[fields.Base64Data]);
            return DerGuard.IsWellFormed(der) ? X509CertificateStructure.GetInstance(der) : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether the issuing CA (the chain's first certificate) signed it: the store's copy could be another's bytes.</summary>
    private static bool SignedBy(X509CertificateStructure certificate, IReadOnlyList<byte[]> chain)
    {
        if (chain.Count == 0)
        {
            return false;
        }

        try
        {
            var ca = new X509Certificate(chain[0]);
            new X509Certificate(certificate).Verify(ca.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or ArgumentException or InvalidOperationException
            or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Crypto.CryptoException)
        {
            return false;
        }
    }

    private static RecipientCheck Refused(ProblemCode code, string detail) => new(null, code, detail);
}
