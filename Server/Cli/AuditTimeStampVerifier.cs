using Audit.Verification;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;
using Pki.Tsa.Verification;
using System.Security.Cryptography;

namespace Server.Cli;

/// <summary>
/// Checks checkpoints' time-stamp tokens for <c>audit verify</c> with the TSA's own relying-party
/// check (<see cref="TokenVerifier"/>: signature and ESSCertID, critical timeStamping EKU, chain to
/// a trusted root, imprint) against roots the officer brings, and insists on a SHA-256 imprint,
/// the only one the platform stamps checkpoints with.
/// </summary>
internal sealed class AuditTimeStampVerifier(IReadOnlyList<byte[]> trustedRoots) : ITimeStampTokenVerifier
{
    /// <summary>A verifier trusting every certificate in the PEM file <paramref name="path"/>; null when it holds none.</summary>
    public static AuditTimeStampVerifier? FromPemFile(string path)
    {
        var roots = new List<byte[]>();
        var pem = File.ReadAllText(path).AsSpan();
        while (PemEncoding.TryFind(pem, out var fields))
        {
            if (pem[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                roots.Add(Convert.FromBase64String(pem[fields.Base64Data].ToString()));
            }

            pem = pem[fields.Location.End..];
        }

        return roots.Count == 0 ? null : new AuditTimeStampVerifier(roots);
    }

    public TimeStampCheck Verify(byte[] tokenOrResponse, byte[] stamped)
    {
        ArgumentNullException.ThrowIfNull(tokenOrResponse);
        ArgumentNullException.ThrowIfNull(stamped);
        var token = Parse(tokenOrResponse);
        if (token is null)
        {
            return new TimeStampCheck(false, null, null, null, "it is neither a DER time-stamp token nor a granted TimeStampResp.");
        }

        var info = token.TimeStampInfo;
        var genTime = new DateTimeOffset(DateTime.SpecifyKind(info.GenTime, DateTimeKind.Utc));
        var serial = info.SerialNumber.ToString(16);
        var authority = AuthorityName(token);
        if (info.MessageImprintAlgOid != NistObjectIdentifiers.IdSha256.Id)
        {
            return new TimeStampCheck(false, genTime, authority, serial, $"its imprint algorithm is {info.MessageImprintAlgOid}, not SHA-256.");
        }

        var digest = SHA256.HashData(stamped);
        TokenVerification? first = null;
        foreach (var root in trustedRoots)
        {
            var verification = TokenVerifier.Verify(tokenOrResponse, root, data: null, digest);
            if (verification.Valid)
            {
                return new TimeStampCheck(true, genTime, authority, serial, null);
            }

            first ??= verification;
        }

        var failures = first!.Report.Where(line => line.Contains("FAILED", StringComparison.Ordinal));
        return new TimeStampCheck(false, genTime, authority, serial, string.Join("; ", failures));
    }

    private static TimeStampToken? Parse(byte[] bytes)
    {
        try
        {
            return new TimeStampResponse(bytes).TimeStampToken;
        }
        catch (Exception e) when (e is TspException or IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            try
            {
                return new TimeStampToken(new CmsSignedData(bytes));
            }
            catch (Exception inner) when (inner is CmsException or TspException or IOException or ArgumentException or InvalidCastException or InvalidOperationException)
            {
                return null;
            }
        }
    }

    // The common name of the certificate that signed the token, as the token carries it.
    private static string AuthorityName(TimeStampToken token)
    {
        var signer = token.GetCertificates().EnumerateMatches(null).FirstOrDefault(c => token.SignerID.Match(c));
        return signer?.SubjectDN.GetValueList(X509Name.CN).FirstOrDefault() ?? signer?.SubjectDN.ToString() ?? "unnamed";
    }
}
