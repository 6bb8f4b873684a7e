using Org.BouncyCastle.X509;
using Pki.Ca.Ceremonies;
using Pki.Ca.Hierarchy;
using Pki.Ca.Ocsp;
using Pki.Ca.Storage;
using Platform.Keys.Inventory;

namespace Pki.Ca.Inventory;

/// <summary>
/// The CA's keys for the key inventory: every CA record (each generation, offline ones with no
/// key), each CA's current OCSP responder key and the HTTPS server key. Reads the repository only,
/// so it answers before (and without) the hierarchy being loaded.
/// </summary>
internal sealed class CaKeyInventorySource(ICaStore store) : IKeyInventorySource
{
    public async Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default)
    {
        var cas = await store.ListCasAsync(cancellationToken);
        var links = await store.ListByProfileAsync(CaCertificateRecords.LinkProfile, cancellationToken);
        var claims = new List<KeyClaim>();
        foreach (var ca in cas)
        {
            claims.Add(new KeyClaim(ca.KeyId, Purpose(ca), Certificates(ca, links)));
        }

        foreach (var ca in cas)
        {
            claims.AddRange(await CredentialAsync(OcspResponderCertificates.SettingPrefix + ca.Name, "OCSP responder of CA " + ca.Name, cancellationToken));
        }

        claims.AddRange(await CredentialAsync(CredentialsBootstrap.ServerSetting, "HTTPS server", cancellationToken));
        return claims;
    }

    private static string Purpose(CaRecord ca) =>
        "CA " + ca.Name + (ca.SupersededBy is { } successor ? " (superseded by " + successor + ")" : "");

    /// <summary>The CA's own certificate, then the link certificates (RFC 4210 §4.4) that carry the same public key.</summary>
    private static List<KeyCertificate> Certificates(CaRecord ca, IReadOnlyList<CertificateRecord> links)
    {
        var own = new X509Certificate(ca.Certificate);
        var publicKey = own.CertificateStructure.SubjectPublicKeyInfo.GetEncoded();
        var certificates = new List<KeyCertificate> { KeyCertificate.FromDer(ca.Certificate) };
        foreach (var link in links)
        {
            if (new X509Certificate(link.Certificate).CertificateStructure.SubjectPublicKeyInfo.GetEncoded().AsSpan().SequenceEqual(publicKey))
            {
                certificates.Add(KeyCertificate.FromDer(link.Certificate));
            }
        }

        return certificates;
    }

    private async Task<IReadOnlyList<KeyClaim>> CredentialAsync(string setting, string purpose, CancellationToken cancellationToken)
    {
        if (!CredentialClaims.TryParse(await store.GetSettingAsync(setting, cancellationToken), out var keyId, out var serial))
        {
            return [];
        }

        // Any status: an expired or revoked certificate still tells which key it was.
        var record = await store.GetCertificateAsync(serial, cancellationToken);
        return [new KeyClaim(keyId, purpose, [record is null ? KeyCertificate.Unavailable(serial) : KeyCertificate.FromDer(record.Certificate)])];
    }
}
