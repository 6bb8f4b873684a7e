using System.Collections.Concurrent;

namespace Server.Tests.Interop;

/// <summary>
/// Keys and certificate signing requests made by <c>openssl genpkey</c> and <c>openssl req</c>, one
/// key per algorithm (RSA key generation is slow), one request per key and profile.
/// </summary>
public sealed class CsrFactory(string directory)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> keys = new();
    private readonly ConcurrentDictionary<(string Key, string Profile), Lazy<Task<string>>> requests = new();

    /// <summary>A PEM CSR for <paramref name="profile"/> (subject and SANs from <see cref="ProfileRequest"/>).</summary>
    public Task<string> CsrAsync(string keyAlgorithm, string profile) =>
        requests.GetOrAdd((keyAlgorithm, profile), k => new(() => CreateCsrAsync(k.Key, k.Profile))).Value;

    /// <summary>The PEM private key file of <paramref name="keyAlgorithm"/>, shared by every CSR of that algorithm.</summary>
    public Task<string> KeyFileAsync(string keyAlgorithm) =>
        keys.GetOrAdd(keyAlgorithm, k => new(() => CreateKeyAsync(k))).Value;

    private async Task<string> CreateKeyAsync(string keyAlgorithm)
    {
        var file = Path.Combine(directory, $"{keyAlgorithm}.key");
        await OpenSsl.OutputAsync(["genpkey", .. GenerateOptions(keyAlgorithm), "-out", file]);
        return file;
    }

    private async Task<string> CreateCsrAsync(string keyAlgorithm, string profile)
    {
        var request = ProfileRequest.For(profile);
        var file = Path.Combine(directory, $"{keyAlgorithm}.{profile}.csr");
        await OpenSsl.OutputAsync(
        [
            "req", "-new", "-key", await KeyFileAsync(keyAlgorithm), "-subj", request.Subject,
            "-addext", "subjectAltName=" + request.SubjectAlternativeNames,
            .. SignOptions(keyAlgorithm), "-out", file,
        ]);
        return await File.ReadAllTextAsync(file);
    }

    private static string[] GenerateOptions(string keyAlgorithm) => keyAlgorithm switch
    {
        InteropAlgorithms.Rsa2048 => ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
        InteropAlgorithms.Rsa3072 => ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072"],
        InteropAlgorithms.EcdsaP256 => ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:named_curve"],
        InteropAlgorithms.EcdsaP384 => ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-pkeyopt", "ec_param_enc:named_curve"],
        InteropAlgorithms.Ed25519 => ["-algorithm", "ED25519"],
        InteropAlgorithms.Sm2 => ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-pkeyopt", "ec_param_enc:named_curve"],
        _ => throw new ArgumentOutOfRangeException(nameof(keyAlgorithm), keyAlgorithm, null),
    };

    // Ed25519 signs the message itself, so it takes no digest; SM2 signs with SM3 and the user id.
    private static string[] SignOptions(string keyAlgorithm) => keyAlgorithm switch
    {
        InteropAlgorithms.Ed25519 => [],
        InteropAlgorithms.Sm2 => ["-sm3", "-sigopt", OpenSsl.Sm2DistinguishingId],
        InteropAlgorithms.EcdsaP384 => ["-sha384"],
        _ => ["-sha256"],
    };
}
