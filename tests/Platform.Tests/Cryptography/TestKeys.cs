using Platform.Cryptography;
using Platform.Cryptography.Software;
using System.Collections.Concurrent;

namespace Platform.Tests.Cryptography;

/// <summary>One generated key per algorithm, shared by the cryptography tests (RSA-4096 takes a while).</summary>
internal static class TestKeys
{
    private static readonly ConcurrentDictionary<KeyAlgorithm, Lazy<byte[]>> Pkcs8 = new();

    public static IEnumerable<KeyAlgorithm> Algorithms => Enum.GetValues<KeyAlgorithm>();

    public static IEnumerable<SignatureScheme> Schemes => Enum.GetValues<SignatureScheme>();

    /// <summary>Every key type with every scheme it can sign with.</summary>
    public static IEnumerable<(KeyAlgorithm Algorithm, SignatureScheme Scheme)> PairList() =>
        from algorithm in Algorithms from scheme in Schemes where algorithm.Supports(scheme) select (algorithm, scheme);

    /// <summary><see cref="PairList"/> as theory data.</summary>
    public static TheoryData<KeyAlgorithm, SignatureScheme> Pairs() => [.. PairList()];

    public static TheoryData<KeyAlgorithm> AllAlgorithms() => [.. Algorithms];

    /// <summary>
    /// One key size per key type, for tests whose code path does not depend on the RSA modulus
    /// size (generating RSA-4096 keys over and over only costs time).
    /// </summary>
    public static TheoryData<KeyAlgorithm> OnePerKeyType() => [.. Algorithms.Where(a => a is not (KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096))];

    public static TheoryData<SignatureScheme> AllSchemes() => [.. Schemes];

    /// <summary>The shared key of <paramref name="algorithm"/>, signing with <paramref name="scheme"/>.</summary>
    public static ISigningKey Get(KeyAlgorithm algorithm, SignatureScheme? scheme = null) =>
        SoftwareKeys.Load("test-" + algorithm.Name(), algorithm, PrivateKey(algorithm), scheme);

    public static byte[] PrivateKey(KeyAlgorithm algorithm) =>
        Pkcs8.GetOrAdd(algorithm, a => new Lazy<byte[]>(() => SoftwareKeys.Generate(a))).Value;

    public static byte[] FlipBit(ReadOnlySpan<byte> bytes, int bit)
    {
        var copy = bytes.ToArray();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
