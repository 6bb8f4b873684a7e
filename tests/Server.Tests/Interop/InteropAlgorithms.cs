namespace Server.Tests.Interop;

/// <summary>The algorithm names the platform's configuration uses, and which outside tool understands which.</summary>
public static class InteropAlgorithms
{
    public const string EcdsaP256 = "ECDSA-P256";
    public const string EcdsaP384 = "ECDSA-P384";
    public const string Rsa2048 = "RSA-2048";
    public const string Rsa3072 = "RSA-3072";
    public const string Ed25519 = "Ed25519";
    public const string Sm2 = "SM2";

    /// <summary>Every algorithm a hierarchy (root and issuing CA) can use.</summary>
    public static IReadOnlyList<string> Hierarchies { get; } = [EcdsaP256, EcdsaP384, Rsa3072, Ed25519, Sm2];

    /// <summary>Every key algorithm a CSR can carry.</summary>
    public static IReadOnlyList<string> CsrKeys { get; } = [Rsa2048, Rsa3072, EcdsaP256, EcdsaP384, Ed25519, Sm2];

    /// <summary>
    /// The algorithms GnuTLS and Go's crypto/x509 implement: neither knows SM2 keys or SM3
    /// signatures, so chains or leaves with SM2 are left to OpenSSL.
    /// </summary>
    public static bool IsWidelyImplemented(string algorithm) => algorithm != Sm2;

    public static TheoryData<string> HierarchyData() => [.. Hierarchies];

    public static TheoryData<string> WidelyImplementedHierarchyData() => [.. Hierarchies.Where(IsWidelyImplemented)];

    public static TheoryData<string, string> HierarchyAndCsrKeyData()
    {
        var data = new TheoryData<string, string>();
        foreach (var hierarchy in Hierarchies)
        {
            foreach (var key in CsrKeys)
            {
                data.Add(hierarchy, key);
            }
        }

        return data;
    }

    /// <summary>Hierarchies and leaf keys without SM2, for the tools that do not implement it.</summary>
    public static TheoryData<string, string> WidelyImplementedHierarchyAndCsrKeyData()
    {
        var data = new TheoryData<string, string>();
        foreach (var hierarchy in Hierarchies.Where(IsWidelyImplemented))
        {
            foreach (var key in CsrKeys.Where(IsWidelyImplemented))
            {
                data.Add(hierarchy, key);
            }
        }

        return data;
    }
}
