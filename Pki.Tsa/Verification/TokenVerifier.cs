using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Pki.Tsa.Authority;
using Pki.Tsa.Protocol;
using Platform.Cryptography;

namespace Pki.Tsa.Verification;

/// <summary>
/// Checks a time-stamp token the way a relying party must: the CMS signature and ESSCertID(v2)
/// against the TSA certificate, that certificate's critical timeStamping EKU and validity at
/// genTime, its chain up to a trusted root (signatures checked for every algorithm the
/// platform has, SM2 and Ed25519 included), and the imprint against the data or digest.
/// </summary>
public static class TokenVerifier
{
    /// <summary>Verifies a TimeStampResp or a bare token against <paramref name="trustedRoot"/> (DER).</summary>
    public static TokenVerification Verify(byte[] tokenOrResponse, byte[] trustedRoot, byte[]? data, byte[]? digest, IEnumerable<byte[]>? extraCertificates = null)
    {
        var report = new List<string>();
        var token = Parse(tokenOrResponse, report);
        if (token is null)
        {
            return new TokenVerification(false, report);
        }

        var info = token.TimeStampInfo;
        report.Add($"Serial number: {info.SerialNumber.ToString(16)}");
        report.Add($"genTime: {info.GenTime:yyyy-MM-dd HH:mm:ss.fff} UTC, accuracy: {Accuracy(info)}, ordering: {info.IsOrdered}");
        report.Add($"Policy: {info.Policy}");
        var certificates = token.GetCertificates().EnumerateMatches(null).Concat((extraCertificates ?? []).Select(d => new X509Certificate(d))).ToList();
        var signer = certificates.FirstOrDefault(c => token.SignerID.Match(c));
        var ok = signer is not null;
        report.Add(ok ? $"Signer: {signer!.SubjectDN} (serial {signer.SerialNumber.ToString(16)})" : "Signer: FAILED, the TSA certificate is neither in the token nor given");
        if (signer is not null)
        {
            ok &= Check(report, "Signature and ESSCertID", () =>
            {
                token.Validate(signer);
                return true;
            });
            ok &= Check(report, "TSA certificate fit for time-stamping",
                () => TsaCertificateCheck.Problem(signer, signer.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded()) is { } p ? throw new TspValidationException(p) : true);
            ok &= CheckChain(report, signer, certificates, new X509Certificate(trustedRoot), info.GenTime);
        }

        ok &= CheckImprint(report, info, data, digest);
        report.Add(ok ? "Result: VALID" : "Result: INVALID");
        return new TokenVerification(ok, report);
    }

    private static TimeStampToken? Parse(byte[] bytes, List<string> report)
    {
        try
        {
            var response = new TimeStampResponse(bytes);
            if (response.TimeStampToken is null)
            {
                report.Add($"Response: FAILED, status {response.Status}: {response.GetStatusString()}");
                return null;
            }

            return response.TimeStampToken;
        }
        catch (Exception e) when (e is TspException or IOException or ArgumentException or InvalidCastException)
        {
            try
            {
                return new TimeStampToken(new CmsSignedData(bytes));
            }
            catch (Exception inner) when (inner is CmsException or TspException or IOException or ArgumentException or InvalidCastException)
            {
                report.Add("Token: FAILED, neither a TimeStampResp nor a time-stamp token");
                return null;
            }
        }
    }

    private static bool CheckChain(List<string> report, X509Certificate signer, List<X509Certificate> certificates, X509Certificate root, DateTime at)
    {
        var path = new List<string> { Name(signer) };
        var current = signer;
        for (var depth = 0; depth < 8; depth++)
        {
            if (current.Equals(root))
            {
                report.Add($"Chain: {string.Join(" -> ", path)}: OK");
                return true;
            }

            var issuer = current.IssuerDN.Equivalent(root.SubjectDN) ? root
                : certificates.FirstOrDefault(c => c.SubjectDN.Equivalent(current.IssuerDN) && !c.Equals(current));
            if (issuer is null || !SignedBy(current, issuer) || at < issuer.NotBefore || at > issuer.NotAfter
                || (!issuer.Equals(root) && issuer.GetBasicConstraints() < 0))
            {
                report.Add($"Chain: FAILED at {Name(current)}: no valid issuer up to the trusted root");
                return false;
            }

            path.Add(Name(issuer));
            current = issuer;
        }

        report.Add("Chain: FAILED, too long");
        return false;
    }

    private static bool SignedBy(X509Certificate certificate, X509Certificate issuer) =>
        SignatureVerifier.SignedCertificate(issuer.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), certificate);

    private static bool CheckImprint(List<string> report, TimeStampTokenInfo info, byte[]? data, byte[]? digest)
    {
        var algorithm = new DerObjectIdentifier(info.MessageImprintAlgOid);
        var name = ImprintAlgorithms.TryGet(algorithm, out var n, out _) ? n : algorithm.Id;
        var expected = digest;
        if (data is not null)
        {
            var hash = DigestUtilities.GetDigest(algorithm);
            hash.BlockUpdate(data, 0, data.Length);
            expected = new byte[hash.GetDigestSize()];
            hash.DoFinal(expected, 0);
        }

        if (expected is null)
        {
            report.Add($"Imprint: {name} {Convert.ToHexStringLower(info.GetMessageImprintDigest())} (not compared: no data or digest given)");
            return true;
        }

        var matches = expected.AsSpan().SequenceEqual(info.GetMessageImprintDigest());
        report.Add(matches ? $"Imprint: {name} matches" : $"Imprint: FAILED, the {name} imprint does not match the data");
        return matches;
    }

    private static bool Check(List<string> report, string what, Func<object> check)
    {
        try
        {
            check();
            report.Add($"{what}: OK");
            return true;
        }
        catch (Exception e) when (e is TspException or TspValidationException or CmsException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            report.Add($"{what}: FAILED, {e.Message}");
            return false;
        }
    }

    private static string Accuracy(TimeStampTokenInfo info) => info.Accuracy is null
        ? "unspecified"
        : $"{info.Accuracy.Seconds?.IntValueExact ?? 0}s {info.Accuracy.Millis?.IntValueExact ?? 0}ms {info.Accuracy.Micros?.IntValueExact ?? 0}us";

    private static string Name(X509Certificate certificate) =>
        certificate.SubjectDN.GetValueList(X509Name.CN).FirstOrDefault() ?? certificate.SubjectDN.ToString();
}
