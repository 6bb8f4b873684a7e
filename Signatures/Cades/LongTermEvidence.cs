using Org.BouncyCastle.X509;
using Platform.Certificates;
using System.Security.Cryptography;

namespace Signatures.Cades;

/// <summary>
/// What a B-LT signature adds (EN 319 122-1 §5.4): every certificate from the signer and from the
/// signature time-stamp's authority up to the root, and for each one that is not a root, its
/// issuer's current CRL and its OCSP response, as the platform's CA and responder give them now.
/// </summary>
internal sealed class LongTermEvidence(IRevocationEvidence? evidence, IPlatformCertificateIssuer? issuer)
{
    /// <summary>The certificates and RevocationInfoChoices; null with the reason when some are not to be had.</summary>
    public async Task<(IReadOnlyList<byte[]>? Certificates, IReadOnlyList<byte[]>? Revocations, string? Missing)> CollectAsync(
        SignerCredential signer, byte[] timeStampToken, CancellationToken cancellationToken)
    {
        if (evidence is null || issuer is null)
        {
            return (null, null, "This node hosts no certificate authority to give revocation data.");
        }

        var certificates = new Distinct();
        foreach (var certificate in signer.Certificates)
        {
            certificates.Add(certificate);
        }

        foreach (var certificate in TimeStampTokens.Certificates(timeStampToken))
        {
            certificates.Add(certificate);
            var parsed = new X509CertificateParser().ReadCertificate(certificate);
            if (parsed.GetBasicConstraints() >= 0)
            {
                // The authority sends its CAs' certificates along; its own certificate names the chain.
                continue;
            }

            var serial = parsed.SerialNumber.ToString(16);
            if (await issuer.FindCurrentAsync(serial, cancellationToken) is not { } current)
            {
                return (null, null, $"The time-stamp authority's certificate {serial} is not a current certificate of the platform.");
            }

            foreach (var ca in current.Chain)
            {
                certificates.Add(ca);
            }
        }

        certificates.Add(issuer.RootCertificate);
        var revocations = new Distinct();
        foreach (var certificate in certificates.Items)
        {
            var parsed = new X509CertificateParser().ReadCertificate(certificate);
            if (parsed.IssuerDN.Equivalent(parsed.SubjectDN))
            {
                // A root vouches for itself; nobody revokes it by CRL or OCSP.
                continue;
            }

            var ocsp = await evidence.OcspResponseAsync(certificate, cancellationToken);
            var crl = await evidence.CrlAsync(certificate, cancellationToken);
            if (ocsp is null && crl is null)
            {
                return (null, null, $"No revocation data is to be had for certificate {parsed.SubjectDN}.");
            }

            if (crl is not null)
            {
                revocations.Add(crl);
            }

            if (ocsp is not null)
            {
                revocations.Add(RevocationChoices.Ocsp(ocsp));
            }
        }

        return (certificates.Items, revocations.Items, null);
    }

    /// <summary>A list that keeps the first of equal encodings, in order.</summary>
    private sealed class Distinct
    {
        private readonly HashSet<string> seen = [];

        public List<byte[]> Items { get; } = [];

        public void Add(byte[] encoded)
        {
            if (seen.Add(Convert.ToHexString(SHA256.HashData(encoded))))
            {
                Items.Add(encoded);
            }
        }
    }
}
