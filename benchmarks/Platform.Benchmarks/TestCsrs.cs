using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Benchmarks;

/// <summary>P-256 PKCS#10 requests like the ones clients send for a TLS server certificate.</summary>
internal static class TestCsrs
{
    public static string[] Create(int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var host = $"host-{i:D6}.bench.example";
            var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
            var sans = new SubjectAlternativeNameBuilder();
            sans.AddDnsName(host);
            request.CertificateExtensions.Add(sans.Build());
            return request.CreateSigningRequestPem();
        }),
    ];
}
