using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Platform.Certificates;
using Platform.Cryptography;
using Platform.Http;
using System.Security.Cryptography;

namespace Signatures.Cades;

/// <summary>
/// Judges the certificate a caller signs with their own key: one PEM certificate the platform's CA
/// issued and still stands behind (neither revoked nor expired), for signing (digitalSignature or
/// contentCommitment), and the caller's own: its subject is that of the client certificate they
/// authenticate with.
/// </summary>
internal sealed class SignerCertificates(IPlatformCertificateIssuer? issuer = null)
{
    private const int MaxPemChars = 16 * 1024;

    /// <summary>The credential of <paramref name="pem"/>; else the problem with it.</summary>
    public async Task<(SignerCredential? Credential, ProblemCode? Code, string? Detail)> JudgeAsync(
        string? pem, string? callerSubject, CancellationToken cancellationToken)
    {
        const string shape = "certificate is one PEM certificate (-----BEGIN CERTIFICATE-----) issued by the platform's CA.";
        if (pem is null || pem.Length > MaxPemChars || !PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] is not "CERTIFICATE")
        {
            return (null, ProblemCodes.SignerCertificateInvalid, shape);
        }

        byte[] der;
        X509Certificate parsed;
        try
        {
            der = Convert.FromBase64String(pem[fields.Base64Data]);
            if (!Platform.Der.DerGuard.IsWellFormed(der))
            {
                return (null, ProblemCodes.SignerCertificateInvalid, shape);
            }

            parsed = new X509CertificateParser().ReadCertificate(der);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or InvalidCastException or InvalidOperationException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return (null, ProblemCodes.SignerCertificateInvalid, shape);
        }

        if (parsed is null)
        {
            return (null, ProblemCodes.SignerCertificateInvalid, shape);
        }

        if (issuer is null)
        {
            return (null, ProblemCodes.SealUnavailable, "This node hosts no certificate authority to judge the certificate.");
        }

        var serial = parsed.SerialNumber.ToString(16);
        if (await issuer.FindCurrentAsync(serial, cancellationToken) is not { } current || !current.Certificate.AsSpan().SequenceEqual(der))
        {
            return (null, ProblemCodes.SignerCertificateInvalid, $"Certificate {serial} is not a current certificate of the platform's CA (unknown, revoked or expired).");
        }

        var usage = parsed.GetKeyUsage();
        if (usage is null || !(usage[0] || usage[1]))
        {
            return (null, ProblemCodes.SignerCertificateInvalid, $"Certificate {serial} is not for signing: it has neither digitalSignature nor contentCommitment usage.");
        }

        if (callerSubject is null || !SameName(callerSubject, parsed.SubjectDN))
        {
            return (null, ProblemCodes.SignerCertificateForeign, "The certificate is not yours: its subject is not that of the client certificate you authenticate with.");
        }

        if (PublicKeys.Describe(parsed.CertificateStructure.SubjectPublicKeyInfo).Algorithm is not { } algorithm)
        {
            return (null, ProblemCodes.SignerCertificateInvalid, $"Certificate {serial} has a key the service does not sign with.");
        }

        return (SignerCredential.Create(der, current.Chain, algorithm.DefaultScheme()), null, null);
    }

    private static bool SameName(string subject, X509Name name)
    {
        if (string.Equals(subject, name.ToString(), StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            return new X509Name(subject).Equivalent(name);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
