using System.Security.Cryptography;

namespace Platform.Benchmarks;

/// <summary>The DER inside a single-object PEM text.</summary>
internal static class PemDer
{
    public static byte[] Decode(string pem)
    {
        var fields = PemEncoding.Find(pem);
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
