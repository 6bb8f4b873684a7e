using Platform.Cryptography;
using System.Security.Cryptography;
using TestSupport;

namespace Platform.Tests.Cryptography;

/// <summary>Our signatures checked by OpenSSL's command line, and OpenSSL's checked by us.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private static readonly byte[] Message = "signed by one implementation, checked by another"u8.ToArray();
    private readonly TemporaryDirectory directory = new();

    public static TheoryData<KeyAlgorithm, SignatureScheme> Pairs => new()
    {
        { KeyAlgorithm.Rsa2048, SignatureScheme.RsaPkcs1Sha256 },
        { KeyAlgorithm.Rsa3072, SignatureScheme.RsaPkcs1Sha384 },
        { KeyAlgorithm.Rsa4096, SignatureScheme.RsaPkcs1Sha512 },
        { KeyAlgorithm.Rsa2048, SignatureScheme.RsaPssSha256 },
        { KeyAlgorithm.Rsa3072, SignatureScheme.RsaPssSha384 },
        { KeyAlgorithm.Rsa4096, SignatureScheme.RsaPssSha512 },
        { KeyAlgorithm.EcdsaP256, SignatureScheme.EcdsaSha256 },
        { KeyAlgorithm.EcdsaP384, SignatureScheme.EcdsaSha384 },
        { KeyAlgorithm.Ed25519, SignatureScheme.Ed25519 },
        { KeyAlgorithm.Sm2, SignatureScheme.Sm2Sm3 },
    };

    /// <summary><see cref="Pairs"/> with RSA-2048 for every RSA scheme: OpenSSL generates these keys each time.</summary>
    public static TheoryData<KeyAlgorithm, SignatureScheme> PairsWithSmallRsaKeys => [.. TestKeys.PairList()
        .Where(p => p.Algorithm != KeyAlgorithm.Rsa3072 && p.Algorithm != KeyAlgorithm.Rsa4096 && (p.Algorithm != KeyAlgorithm.EcdsaP384 || p.Scheme == SignatureScheme.EcdsaSha384)
            && (p.Algorithm != KeyAlgorithm.EcdsaP256 || p.Scheme == SignatureScheme.EcdsaSha256))];

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Sign_OurSignature_OpenSslVerifiesIt(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        var openssl = ExternalTool.Require("openssl");
        using var key = TestKeys.Get(algorithm, scheme);
        File.WriteAllText(directory.File("public.pem"), PemEncoding.WriteString("PUBLIC KEY", key.SubjectPublicKeyInfo.Span));
        File.WriteAllBytes(directory.File("message"), Message);
        File.WriteAllBytes(directory.File("tampered"), [.. Message, 0x00]);
        File.WriteAllBytes(directory.File("signature"), key.Sign(Message));

        var verified = await RunAsync(openssl, VerifyArguments(scheme, "public.pem", "message", "signature"));
        var tampered = await RunAsync(openssl, VerifyArguments(scheme, "public.pem", "tampered", "signature"));

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.True(tampered.ExitCode != 0, tampered.ToString());
    }

    [Theory]
    [MemberData(nameof(PairsWithSmallRsaKeys))]
    public async Task Verify_OpenSslSignature_ReturnsTrue(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        var openssl = ExternalTool.Require("openssl");
        File.WriteAllBytes(directory.File("message"), Message);
        await RunCheckedAsync(openssl, ["genpkey", .. GenerateArguments(algorithm), "-out", "private.pem"]);
        await RunCheckedAsync(openssl, ["pkey", "-in", "private.pem", "-pubout", "-outform", "DER", "-out", "public.der"]);
        await RunCheckedAsync(openssl, SignArguments(scheme, "private.pem", "message", "signature"));
        var spki = File.ReadAllBytes(directory.File("public.der"));
        var signature = File.ReadAllBytes(directory.File("signature"));

        Assert.Equal(algorithm, PublicKeys.Describe(spki)?.Algorithm);
        Assert.True(SignatureVerifier.Verify(spki, scheme, Message, signature));
        Assert.False(SignatureVerifier.Verify(spki, scheme, [.. Message, 0x00], signature));
    }

    public void Dispose() => directory.Dispose();

    private static string[] GenerateArguments(KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        KeyAlgorithm.Rsa3072 => ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
        KeyAlgorithm.Rsa4096 => ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"],
        KeyAlgorithm.EcdsaP256 => ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
        KeyAlgorithm.EcdsaP384 => ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
        KeyAlgorithm.Ed25519 => ["-algorithm", "ED25519"],
        KeyAlgorithm.Sm2 => ["-algorithm", "SM2"],
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static string[] VerifyArguments(SignatureScheme scheme, string publicKey, string message, string signature) => scheme switch
    {
        SignatureScheme.Ed25519 => ["pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin", "-in", message, "-sigfile", signature],
        SignatureScheme.Sm2Sm3 => ["pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin", "-digest", "sm3",
            "-pkeyopt", "distid:1234567812345678", "-in", message, "-sigfile", signature],
        _ => ["dgst", Digest(scheme), .. PssOptions(scheme), "-verify", publicKey, "-signature", signature, message],
    };

    private static string[] SignArguments(SignatureScheme scheme, string privateKey, string message, string signature) => scheme switch
    {
        SignatureScheme.Ed25519 => ["pkeyutl", "-sign", "-inkey", privateKey, "-rawin", "-in", message, "-out", signature],
        SignatureScheme.Sm2Sm3 => ["pkeyutl", "-sign", "-inkey", privateKey, "-rawin", "-digest", "sm3",
            "-pkeyopt", "distid:1234567812345678", "-in", message, "-out", signature],
        _ => ["dgst", Digest(scheme), .. PssOptions(scheme), "-sign", privateKey, "-out", signature, message],
    };

    private static string Digest(SignatureScheme scheme) => "-" + scheme.HashAlgorithm().Name!.ToLowerInvariant();

    // RFC 4055 parameters: MGF1 with the message digest, salt as long as the digest.
    private static string[] PssOptions(SignatureScheme scheme) => scheme.RsaPadding() == RSASignaturePadding.Pss
        ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest", "-sigopt", "rsa_mgf1_md:" + scheme.HashAlgorithm().Name!.ToLowerInvariant()]
        : [];

    private Task<ToolResult> RunAsync(string openssl, string[] arguments) => ExternalTool.RunAsync(openssl, arguments, directory.Path);

    private async Task RunCheckedAsync(string openssl, string[] arguments)
    {
        var result = await RunAsync(openssl, arguments);
        Assert.True(result.ExitCode == 0, $"openssl {string.Join(' ', arguments)}\n{result}");
    }
}
