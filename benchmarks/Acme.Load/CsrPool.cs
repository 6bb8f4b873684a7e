using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Acme.Load;

/// <summary>
/// Finalize requests made before the clock starts: each a fresh P-256 key and a PKCS#10 request
/// for one random DNS name under the suffix, so the client spends its CPU on the protocol. An
/// order takes the next one and asks for its name; a run longer than the pool reuses names (and
/// keys), which ACME servers without rate limits accept.
/// </summary>
internal sealed class CsrPool
{
    private readonly (string Name, byte[] Der)[] requests;
    private long next = -1;

    private CsrPool((string, byte[])[] requests) => this.requests = requests;

    public int Count => requests.Length;

    public (string Name, byte[] Der) Next() => requests[Interlocked.Increment(ref next) % requests.Length];

    public static CsrPool Create(int count, string suffix)
    {
        var requests = new (string, byte[])[count];
        Parallel.For(0, count, i =>
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var name = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.{suffix}";
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            var sans = new SubjectAlternativeNameBuilder();
            sans.AddDnsName(name);
            request.CertificateExtensions.Add(sans.Build());
            requests[i] = (name, request.CreateSigningRequest());
        });
        return new CsrPool(requests);
    }
}
