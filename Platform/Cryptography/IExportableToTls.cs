using System.Security.Cryptography;

namespace Platform.Cryptography;

/// <summary>
/// A signing key that TLS can use directly: .NET's SslStream needs an RSA or ECDSA
/// <see cref="AsymmetricAlgorithm"/> bound to the certificate.
/// </summary>
public interface IExportableToTls
{
    /// <summary>The key as .NET's RSA or ECDsa object.</summary>
    AsymmetricAlgorithm AsymmetricAlgorithm { get; }
}
