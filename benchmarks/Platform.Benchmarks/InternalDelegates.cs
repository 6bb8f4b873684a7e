using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Platform.Cryptography;
using System.Reflection;

namespace Platform.Benchmarks;

/// <summary>
/// Delegates to the CA's internal certificate-building steps, bound once by reflection, so the
/// benchmark times the product's own code without widening its public surface for a benchmark.
/// </summary>
internal static class InternalDelegates
{
    private static readonly Assembly Ca = typeof(CertificateIssuer).Assembly;

    public static Func<ISigningKey, X509Name, X509Name, BigInteger, DateTimeOffset, DateTimeOffset, SubjectPublicKeyInfo, X509Extensions, X509Certificate> Sign { get; } =
        Bind<Func<ISigningKey, X509Name, X509Name, BigInteger, DateTimeOffset, DateTimeOffset, SubjectPublicKeyInfo, X509Extensions, X509Certificate>>(
            "Pki.Ca.Issuance.CertificateSigner", "Sign");

    public static Func<CertificateProfile, ParsedCsr, CertificateAuthority, X509Extensions> LeafExtensions { get; } =
        Bind<Func<CertificateProfile, ParsedCsr, CertificateAuthority, X509Extensions>>("Pki.Ca.Issuance.CertificateExtensions", "ForLeaf");

    public static Func<BigInteger> NextSerial { get; } = Bind<Func<BigInteger>>("Pki.Ca.Issuance.SerialNumbers", "Next");

    private static T Bind<T>(string type, string method)
        where T : Delegate
    {
        var found = Ca.GetType(type, throwOnError: true)!.GetMethod(method, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException(type, method);
        return found.CreateDelegate<T>();
    }
}
