namespace Pki.Ca.Hierarchy;

/// <summary>PEM text with the labels RFC 7468 gives.</summary>
public static class PemText
{
    /// <summary>A certificate as PEM, ending in a newline.</summary>
    public static string Certificate(ReadOnlySpan<byte> der) => Encode("CERTIFICATE", der);

    /// <summary>A PKCS#10 certification request as PEM, ending in a newline.</summary>
    public static string CertificateRequest(ReadOnlySpan<byte> der) => Encode("CERTIFICATE REQUEST", der);

    /// <summary>A PKCS#8 private key as PEM, ending in a newline.</summary>
    public static string PrivateKey(ReadOnlySpan<byte> der) => Encode("PRIVATE KEY", der);

    private static string Encode(string label, ReadOnlySpan<byte> der) =>
        new string(System.Security.Cryptography.PemEncoding.Write(label, der)) + "\n";
}
