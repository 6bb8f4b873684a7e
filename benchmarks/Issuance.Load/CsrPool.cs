using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Issuance.Load;

/// <summary>
/// Request bodies made before the clock starts: P-256 keys and PKCS#10 requests with distinct
/// subjects and DNS names, serialised once (as the JSON of <c>POST /pki/certificates</c>, or as
/// the base64 DER of an EST body), so the load generator spends its CPU on sending.
/// </summary>
internal sealed class CsrPool
{
    private readonly byte[][] bodies;

    private CsrPool(byte[][] bodies) => this.bodies = bodies;

    public int Count => bodies.Length;

    public byte[] this[long index] => bodies[index % bodies.Length];

    /// <summary>The DNS suffix every pooled request's names are under (an EST department's name space).</summary>
    public const string DnsSuffix = "bench.example";

    public static CsrPool Create(int count, string profile, bool est = false)
    {
        var bodies = new byte[count][];
        Parallel.For(0, count, i =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var host = $"{(est ? "est" : "host")}-{i:D6}.{DnsSuffix}";
            var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
            var sans = new SubjectAlternativeNameBuilder();
            sans.AddDnsName(host);
            request.CertificateExtensions.Add(sans.Build());
            bodies[i] = est
                ? Encoding.ASCII.GetBytes(Convert.ToBase64String(request.CreateSigningRequest()))
                : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new IssueBody(request.CreateSigningRequestPem(), profile), LoadJsonContext.Default.IssueBody));
        });
        return new CsrPool(bodies);
    }
}
