using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Issuance.Load;

/// <summary>
/// Request bodies made before the clock starts: P-256 keys and PKCS#10 requests with distinct
/// subjects and DNS names, serialised once, so the load generator spends its CPU on sending.
/// </summary>
internal sealed class CsrPool
{
    private readonly byte[][] bodies;

    private CsrPool(byte[][] bodies) => this.bodies = bodies;

    public int Count => bodies.Length;

    public byte[] this[long index] => bodies[index % bodies.Length];

    public static CsrPool Create(int count, string profile)
    {
        var bodies = new byte[count][];
        Parallel.For(0, count, i =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var host = $"host-{i:D6}.bench.example";
            var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
            var sans = new SubjectAlternativeNameBuilder();
            sans.AddDnsName(host);
            request.CertificateExtensions.Add(sans.Build());
            var pem = request.CreateSigningRequestPem();
            bodies[i] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new IssueBody(pem, profile), LoadJsonContext.Default.IssueBody));
        });
        return new CsrPool(bodies);
    }
}
