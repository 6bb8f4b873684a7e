using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Pki.Ca.Hierarchy;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using Platform.Cryptography;
using System.Formats.Asn1;

namespace Pki.Ca.Crl;

/// <summary>
/// Builds RFC 5280 v2 CRLs: CRL number, authority key identifier, reason codes and invalidity
/// dates on entries; a Freshest CRL pointer on full CRLs and a critical Delta CRL Indicator on
/// deltas. No issuing distribution point: without one the CRL's scope is the whole CA, which
/// is what every certificate's distribution point promises (OpenSSL's "different CRL scope").
/// Entries are encoded once (<see cref="EncodeEntry"/>) and spliced into each new CRL, so a CRL of
/// 100,000 entries costs a copy of its bytes and one signature, not 100,000 objects.
/// </summary>
internal static class CrlBuilder
{
    /// <summary>The DER of one revokedCertificates entry.</summary>
    public static byte[] EncodeEntry(RevokedEntry entry)
    {
        var fields = new Asn1EncodableVector(new DerInteger(new BigInteger(entry.SerialNumber, 16)), new Time(Seconds(entry.RevokedAt)));
        var extensions = new X509ExtensionsGenerator();
        var reason = RevocationReasons.CodeOf(entry.Reason);
        if (reason != CrlReason.Unspecified)
        {
            // RFC 5280 §5.3.1: leave the reason code out rather than say unspecified.
            extensions.AddExtension(X509Extensions.ReasonCode, false, new CrlReason(reason));
        }

        if (entry.InvalidityDate is { } invalidity)
        {
            // GeneralizedTime without fractional seconds (§5.3.2, §4.1.2.5.2).
            extensions.AddExtension(X509Extensions.InvalidityDate, false, new DerGeneralizedTime(Seconds(invalidity)));
        }

        if (!extensions.IsEmpty)
        {
            fields.Add(extensions.Generate());
        }

        return new DerSequence(fields).GetEncoded(Asn1Encodable.Der);
    }

    /// <summary>A signed CRL listing <paramref name="entries"/> (each from <see cref="EncodeEntry"/>).</summary>
    public static byte[] Build(
        CertificateAuthority ca, long number, IReadOnlyCollection<byte[]> entries, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate,
        long? deltaBase, string? freshestCrlUrl)
    {
        var algorithm = ca.SigningKey.Scheme.AlgorithmIdentifier().GetEncoded(Asn1Encodable.Der);
        var tbs = new AsnWriter(AsnEncodingRules.DER, InitialCapacity(entries));
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(1); // v2
            tbs.WriteEncodedValue(algorithm);
            tbs.WriteEncodedValue(ca.Certificate.SubjectDN.GetEncoded(Asn1Encodable.Der));
            tbs.WriteEncodedValue(new Time(Seconds(thisUpdate)).GetEncoded(Asn1Encodable.Der));
            tbs.WriteEncodedValue(new Time(Seconds(nextUpdate)).GetEncoded(Asn1Encodable.Der));
            if (entries.Count > 0)
            {
                // §5.1.2.6: absent, not empty, when nothing is revoked.
                using (tbs.PushSequence())
                {
                    foreach (var entry in entries)
                    {
                        tbs.WriteEncodedValue(entry);
                    }
                }
            }

            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                tbs.WriteEncodedValue(Extensions(ca, number, deltaBase, freshestCrlUrl).GetEncoded(Asn1Encodable.Der));
            }
        }

        var toBeSigned = tbs.Encode();
        var crl = new AsnWriter(AsnEncodingRules.DER, toBeSigned.Length + 256);
        using (crl.PushSequence())
        {
            crl.WriteEncodedValue(toBeSigned);
            crl.WriteEncodedValue(algorithm);
            crl.WriteBitString(ca.SigningKey.Sign(toBeSigned));
        }

        return crl.Encode();
    }

    private static X509Extensions Extensions(CertificateAuthority ca, long number, long? deltaBase, string? freshestCrlUrl)
    {
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(ca.SubjectKeyIdentifier));
        extensions.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(number)));
        if (deltaBase is { } baseNumber)
        {
            extensions.AddExtension(X509Extensions.DeltaCrlIndicator, true, new CrlNumber(BigInteger.ValueOf(baseNumber)));
        }
        else if (freshestCrlUrl is not null)
        {
            var point = new DistributionPoint(new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.UniformResourceIdentifier, freshestCrlUrl))), null, null);
            extensions.AddExtension(X509Extensions.FreshestCrl, false, new CrlDistPoint([point]));
        }

        return extensions.Generate();
    }

    private static int InitialCapacity(IReadOnlyCollection<byte[]> entries) =>
        1024 + entries.Sum(e => e.Length);

    private static DateTime Seconds(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
