namespace Platform.Cryptography;

/// <summary>
/// The configuration names of key algorithms (<c>ECDSA-P256</c>, <c>RSA-3072</c>, <c>SM2</c>, …),
/// as used in <c>Pki:Hierarchy:Algorithm</c> and in certificate profiles.
/// </summary>
public static class KeyAlgorithmNames
{
    private static readonly Dictionary<string, KeyAlgorithm> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["RSA-2048"] = KeyAlgorithm.Rsa2048,
        ["RSA-3072"] = KeyAlgorithm.Rsa3072,
        ["RSA-4096"] = KeyAlgorithm.Rsa4096,
        ["ECDSA-P256"] = KeyAlgorithm.EcdsaP256,
        ["ECDSA-P384"] = KeyAlgorithm.EcdsaP384,
        ["Ed25519"] = KeyAlgorithm.Ed25519,
        ["SM2"] = KeyAlgorithm.Sm2,
    };

    /// <summary>All names, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByName.Keys];

    /// <summary>The configuration name of <paramref name="algorithm"/>.</summary>
    public static string Name(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => "RSA-2048",
        KeyAlgorithm.Rsa3072 => "RSA-3072",
        KeyAlgorithm.Rsa4096 => "RSA-4096",
        KeyAlgorithm.EcdsaP256 => "ECDSA-P256",
        KeyAlgorithm.EcdsaP384 => "ECDSA-P384",
        KeyAlgorithm.Ed25519 => "Ed25519",
        KeyAlgorithm.Sm2 => "SM2",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Parses a configuration name; false for anything unknown.</summary>
    public static bool TryParse(string? name, out KeyAlgorithm algorithm) =>
        ByName.TryGetValue(name ?? "", out algorithm);

    /// <summary>The scheme a key of this type signs with unless told otherwise.</summary>
    public static SignatureScheme DefaultScheme(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096 => SignatureScheme.RsaPkcs1Sha256,
        KeyAlgorithm.EcdsaP256 => SignatureScheme.EcdsaSha256,
        KeyAlgorithm.EcdsaP384 => SignatureScheme.EcdsaSha384,
        KeyAlgorithm.Ed25519 => SignatureScheme.Ed25519,
        KeyAlgorithm.Sm2 => SignatureScheme.Sm2Sm3,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Whether a key of this type can sign with <paramref name="scheme"/>.</summary>
    public static bool Supports(this KeyAlgorithm algorithm, SignatureScheme scheme) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 or KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096 =>
            scheme is >= SignatureScheme.RsaPkcs1Sha256 and <= SignatureScheme.RsaPssSha512,
        KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 =>
            scheme is SignatureScheme.EcdsaSha256 or SignatureScheme.EcdsaSha384,
        KeyAlgorithm.Ed25519 => scheme == SignatureScheme.Ed25519,
        KeyAlgorithm.Sm2 => scheme == SignatureScheme.Sm2Sm3,
        _ => false,
    };
}
