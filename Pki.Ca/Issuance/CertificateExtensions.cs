using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Profiles;
using Platform.Cryptography;
using Platform.Security;

namespace Pki.Ca.Issuance;

/// <summary>The RFC 5280 extensions of the certificates the CA signs.</summary>
internal static class CertificateExtensions
{
    /// <summary>An end-entity certificate under <paramref name="profile"/>.</summary>
    public static X509Extensions ForLeaf(CertificateProfile profile, ParsedCsr csr, CertificateAuthority issuer, PkiUrls urls)
    {
        var generator = new X509ExtensionsGenerator();
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        var usage = KeyUsageFor(profile.KeyUsageFlags, csr.Key.Algorithm!.Value);
        if (usage != 0)
        {
            generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(usage));
        }

        if (profile.ExtendedKeyUsageOids.Count > 0)
        {
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, profile.ExtendedKeyUsageCritical,
                new ExtendedKeyUsage([.. profile.ExtendedKeyUsageOids.Select(KeyPurposeID.GetInstance)]));
        }

        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(CertificateSigner.KeyIdentifier(csr.PublicKey)));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuer.SubjectKeyIdentifier));
        if (csr.SubjectAlternativeNames.Count > 0)
        {
            // RFC 5280 §4.2.1.6: critical when the subject is empty.
            var critical = csr.Subject.GetOidList().Count == 0;
            generator.AddExtension(X509Extensions.SubjectAlternativeName, critical, new GeneralNames([.. csr.SubjectAlternativeNames]));
        }

        AddRevocationPointers(generator, issuer.Name, urls, delta: true);
        if (profile.Roles.Count > 0)
        {
            generator.AddExtension(X509Extensions.SubjectDirectoryAttributes, false, PlatformRolesAttribute.Encode(profile.Roles));
        }

        return generator.Generate();
    }

    /// <summary>
    /// A CA certificate; <paramref name="issuer"/> is null for a self-signed root. A CA certificate
    /// names its issuer's CRL but no delta CRL: the CRL of a CA that signs only CAs changes rarely,
    /// and an offline root publishes none.
    /// </summary>
    public static X509Extensions ForCa(SubjectPublicKeyInfo publicKey, CertificateAuthority? issuer, int? pathLength, PkiUrls? urls)
    {
        var generator = new X509ExtensionsGenerator();
        generator.AddExtension(X509Extensions.BasicConstraints, true,
            pathLength is { } length ? new BasicConstraints(length) : new BasicConstraints(true));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign | KeyUsage.DigitalSignature));
        var keyId = CertificateSigner.KeyIdentifier(publicKey);
        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuer?.SubjectKeyIdentifier ?? keyId));
        if (issuer is not null && urls is not null)
        {
            AddRevocationPointers(generator, issuer.Name, urls, delta: false);
        }

        return generator.Generate();
    }

    /// <summary>
    /// Where relying parties learn about revocation: AIA (OCSP responder and the issuer's
    /// certificate), the CRL distribution point and the Freshest CRL (delta) pointer.
    /// </summary>
    private static void AddRevocationPointers(X509ExtensionsGenerator generator, string issuerName, PkiUrls urls, bool delta)
    {
        generator.AddExtension(X509Extensions.AuthorityInfoAccess, false, new AuthorityInformationAccess(
        [
            new AccessDescription(AccessDescription.IdADOcsp, Uri(urls.Ocsp)),
            new AccessDescription(AccessDescription.IdADCAIssuers, Uri(urls.CaCertificate(issuerName))),
        ]));
        generator.AddExtension(X509Extensions.CrlDistributionPoints, false, new CrlDistPoint([DistributionPoint(urls.Crl(issuerName))]));
        if (delta)
        {
            generator.AddExtension(X509Extensions.FreshestCrl, false, new CrlDistPoint([DistributionPoint(urls.DeltaCrl(issuerName))]));
        }
    }

    private static DistributionPoint DistributionPoint(string url) =>
        new(new DistributionPointName(new GeneralNames(Uri(url))), null, null);

    private static GeneralName Uri(string url) => new(GeneralName.UniformResourceIdentifier, url);

    /// <summary>
    /// Drops usages the key type cannot perform: key encipherment is RSA's, key agreement EC's; an
    /// SM2 key that does not sign (the encryption certificate of a GM/T 0015 dual pair) also
    /// enciphers, by SM2 public-key encryption (GM/T 0003.4).
    /// </summary>
    private static int KeyUsageFor(int configured, KeyAlgorithm algorithm)
    {
        var isRsa = algorithm is KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096;
        var isEc = algorithm is KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 or KeyAlgorithm.Sm2;
        var enciphersBySm2 = algorithm == KeyAlgorithm.Sm2 && (configured & KeyUsage.DigitalSignature) == 0;
        var usage = configured;
        if (!isRsa && !enciphersBySm2)
        {
            usage &= ~(KeyUsage.KeyEncipherment | KeyUsage.DataEncipherment);
        }

        if (!isEc)
        {
            usage &= ~KeyUsage.KeyAgreement;
        }

        return usage;
    }
}
