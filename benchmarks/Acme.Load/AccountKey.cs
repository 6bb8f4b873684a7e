using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Acme.Load;

/// <summary>
/// An account's ES256 key (P-256, RFC 7518 §3.4): its JWK, the JWK's thumbprint for key
/// authorizations (RFC 7638, §8.1) and JWS signatures in the IEEE P1363 form (r‖s) JWS
/// wants, which is what .NET's ECDsa produces by default.
/// </summary>
internal sealed class AccountKey : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public AccountKey()
    {
        var point = key.ExportParameters(false).Q;
        // Members in lexicographic order and no whitespace: the form RFC 7638 hashes.
        Jwk = $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(point.X)}}","y":"{{Base64Url.EncodeToString(point.Y)}}"}""";
        Thumbprint = Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(Jwk)));
    }

    /// <summary>The public key as a JWK object (JSON text).</summary>
    public string Jwk { get; }

    /// <summary>base64url(SHA-256(JWK)).</summary>
    public string Thumbprint { get; }

    /// <summary>The http-01 key authorization for <paramref name="token"/> (§8.1).</summary>
    public string KeyAuthorization(string token) => token + "." + Thumbprint;

    public byte[] Sign(ReadOnlySpan<byte> signingInput) => key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => key.Dispose();
}
