using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Nist;
using Pki.Ca.Hierarchy;
using System.Security.Cryptography;

namespace Pki.Ca.Ocsp;

/// <summary>
/// Finds which of our CAs a CertID names, by issuerNameHash and issuerKeyHash (RFC 6960 §4.1.1),
/// for SHA-1 and SHA-256 CertIDs.
/// </summary>
internal sealed class OcspIssuerIndex(CaRegistry registry)
{
    private Dictionary<string, CertificateAuthority>? index;

    public static bool IsSupportedHash(DerObjectIdentifier algorithm) =>
        algorithm.Equals(OiwObjectIdentifiers.IdSha1) || algorithm.Equals(NistObjectIdentifiers.IdSha256);

    public CertificateAuthority? Find(DerObjectIdentifier hashAlgorithm, byte[] nameHash, byte[] keyHash) =>
        (index ??= Build()).GetValueOrDefault(Key(hashAlgorithm.Id, nameHash, keyHash));

    private Dictionary<string, CertificateAuthority> Build()
    {
        var built = new Dictionary<string, CertificateAuthority>(StringComparer.Ordinal);
        foreach (var ca in registry.All)
        {
            var name = ca.Certificate.SubjectDN.GetEncoded();
            var key = ca.Certificate.CertificateStructure.SubjectPublicKeyInfo.PublicKey.GetBytes();
            built[Key(OiwObjectIdentifiers.IdSha1.Id, SHA1.HashData(name), SHA1.HashData(key))] = ca;
            built[Key(NistObjectIdentifiers.IdSha256.Id, SHA256.HashData(name), SHA256.HashData(key))] = ca;
        }

        return built;
    }

    private static string Key(string algorithm, byte[] nameHash, byte[] keyHash) =>
        $"{algorithm}:{Convert.ToHexString(nameHash)}:{Convert.ToHexString(keyHash)}";
}
