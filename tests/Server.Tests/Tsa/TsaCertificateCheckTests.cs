using Pki.Tsa.Authority;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Server.Tests.Tsa;

/// <summary>RFC 3161 §2.3: the TSA refuses to run with a certificate not made for time-stamping.</summary>
public sealed class TsaCertificateCheckTests
{
    private static readonly Oid TimeStamping = new("1.3.6.1.5.5.7.3.8");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    [Fact]
    public void Problem_SoleCriticalTimeStamping_IsNone() => Assert.Null(Check([TimeStamping], critical: true));

    [Fact]
    public void Problem_NonCriticalEku_IsNamed() => Assert.Contains("not critical", Check([TimeStamping], critical: false));

    [Fact]
    public void Problem_SecondPurpose_IsNamed() => Assert.Contains("not exactly", Check([TimeStamping, ServerAuth], critical: true));

    [Fact]
    public void Problem_NoEku_IsNamed() => Assert.Contains("no extended key usage", Check(null, critical: true));

    [Fact]
    public void Problem_OtherKey_IsNamed()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Contains("different key", Check([TimeStamping], critical: true, other.ExportSubjectPublicKeyInfo()));
    }

    private static string? Check(Oid[]? purposes, bool critical, byte[]? keyInfo = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=TSA", key, HashAlgorithmName.SHA256);
        if (purposes is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. purposes], critical));
        }

        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var parsed = new Org.BouncyCastle.X509.X509Certificate(certificate.RawData);
        return TsaCertificateCheck.Problem(parsed, keyInfo ?? key.ExportSubjectPublicKeyInfo());
    }
}
