using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Signatures.Validation.Chains;

/// <summary>
/// Builds a chain from a certificate to one of the trust anchors over a pool of candidate
/// certificates (those in the CMS, in a time-stamp token, in the platform's CA chain), checking the
/// signature of every link and that every issuer is a CA (basicConstraints cA, keyCertSign when key
/// usage is present). Validity in time is judged by the caller, which knows the proof of existence.
/// </summary>
internal sealed class CertificatePathBuilder(VerifiedSignatures signatures)
{
    private const int MaxDepth = 8;

    /// <summary>A chain for <paramref name="certificate"/> over <paramref name="pool"/> to one of <paramref name="anchors"/>.</summary>
    public CertificatePath Build(X509Certificate certificate, IReadOnlyList<X509Certificate> pool, IReadOnlyList<X509Certificate> anchors)
    {
        var path = new List<X509Certificate> { certificate };
        var current = certificate;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            if (anchors.Any(a => a.Equals(current)))
            {
                return new CertificatePath(path, string.Join(" -> ", path.Select(CertificateNames.Short)));
            }

            // Anchors first: a root found both in the CMS and among the anchors is the anchor.
            var issuer = anchors.Concat(pool).FirstOrDefault(c => !c.Equals(current) && IsIssuerOf(c, current));
            if (issuer is null)
            {
                return new CertificatePath([], $"no issuer of '{current.SubjectDN}' that signed it is a trust anchor or in the signature");
            }

            if (!IsCa(issuer))
            {
                return new CertificatePath([], $"'{issuer.SubjectDN}' signed '{current.SubjectDN}' but is not a CA");
            }

            path.Add(issuer);
            current = issuer;
        }

        return new CertificatePath([], "the chain is longer than " + MaxDepth + " certificates");
    }

    /// <summary>True when <paramref name="issuer"/>'s name and key issued <paramref name="certificate"/>.</summary>
    public bool IsIssuerOf(X509Certificate issuer, X509Certificate certificate) =>
        issuer.SubjectDN.Equivalent(certificate.IssuerDN)
        && signatures.Verify(issuer.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), certificate.CertificateStructure.SignatureAlgorithm,
            certificate.GetTbsCertificate(), certificate.GetSignature());

    private static bool IsCa(X509Certificate certificate)
    {
        var usage = certificate.GetKeyUsage();
        return certificate.GetBasicConstraints() >= 0 && (usage is null || usage[5]);
    }
}
