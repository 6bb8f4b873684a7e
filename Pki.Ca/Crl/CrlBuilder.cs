using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using Platform.Cryptography.BouncyCastle;

namespace Pki.Ca.Crl;

/// <summary>
/// Builds RFC 5280 v2 CRLs: CRL number, authority key identifier, reason codes and invalidity
/// dates on entries; a Freshest CRL pointer on full CRLs and a critical Delta CRL Indicator on
/// deltas. No issuing distribution point: without one the CRL's scope is the whole CA, which
/// is what every certificate's distribution point promises (OpenSSL's "different CRL scope").
/// </summary>
internal static class CrlBuilder
{
    public static byte[] Build(
        CertificateAuthority ca, long number, IEnumerable<RevokedEntry> entries, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate,
        long? deltaBase, string? freshestCrlUrl)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(ca.Certificate.SubjectDN);
        generator.SetThisUpdate(thisUpdate.UtcDateTime);
        generator.SetNextUpdate(nextUpdate.UtcDateTime);
        foreach (var entry in entries)
        {
            var serial = new BigInteger(entry.SerialNumber, 16);
            var reason = RevocationReasons.CodeOf(entry.Reason);
            if (entry.InvalidityDate is { } invalidity)
            {
                generator.AddCrlEntry(serial, entry.RevokedAt.UtcDateTime, reason, invalidity.UtcDateTime);
            }
            else
            {
                generator.AddCrlEntry(serial, entry.RevokedAt.UtcDateTime, reason);
            }
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.SubjectKeyIdentifier));
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(number)));
        if (deltaBase is { } baseNumber)
        {
            generator.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(BigInteger.ValueOf(baseNumber)));
        }
        else if (freshestCrlUrl is not null)
        {
            var point = new DistributionPoint(new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.UniformResourceIdentifier, freshestCrlUrl))), null, null);
            generator.AddExtension(X509Extensions.FreshestCrl, false, new CrlDistPoint([point]));
        }

        return generator.Generate(new SigningKeySignatureFactory(ca.SigningKey)).GetEncoded();
    }

    /// <summary>The entries of a CRL we published, to compute the next delta against.</summary>
    public static Dictionary<string, RevokedEntry> Entries(byte[] der)
    {
        var crl = new X509Crl(CertificateList.GetInstance(Asn1Object.FromByteArray(der)));
        var entries = new Dictionary<string, RevokedEntry>(StringComparer.Ordinal);
        foreach (var entry in crl.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>())
        {
            var serial = entry.SerialNumber.ToString(16);
            var reasonValue = entry.GetExtensionValue(X509Extensions.ReasonCode);
            var reason = reasonValue is null
                ? "unspecified"
                : NameOf(DerEnumerated.GetInstance(Asn1Object.FromByteArray(reasonValue.GetOctets())).IntValueExact);
            entries[serial] = new RevokedEntry(serial, new DateTimeOffset(entry.RevocationDate, TimeSpan.Zero), reason, null);
        }

        return entries;
    }

    private static string NameOf(int code) =>
        RevocationReasons.Names.FirstOrDefault(n => RevocationReasons.CodeOf(n) == code) ?? "unspecified";
}
