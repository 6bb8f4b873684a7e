namespace Platform.Certificates;

/// <summary>
/// Lets a module get a certificate from the platform's issuing CA for a key it holds (the TSA's
/// signing key, the attribute authority's key) without depending on the CA's internals.
/// </summary>
public interface IPlatformCertificateIssuer
{
    /// <summary>
    /// Issues a certificate under one of the CA's profiles to <paramref name="subjectPublicKeyInfo"/>
    /// (DER). Throws <see cref="InvalidOperationException"/> when the profile's rules refuse it.
    /// </summary>
    Task<PlatformCertificate> IssueAsync(string profile, string subject, ReadOnlyMemory<byte> subjectPublicKeyInfo, CancellationToken cancellationToken = default);

    /// <summary>The certificate with this serial number (lowercase hex) if the CA issued it and it is neither revoked nor expired.</summary>
    Task<PlatformCertificate?> FindCurrentAsync(string serialNumber, CancellationToken cancellationToken = default);

    /// <summary>The root CA's certificate (DER), the trust anchor of everything the platform issues.</summary>
    byte[] RootCertificate { get; }
}

/// <summary>A certificate and its chain up to the root, all DER.</summary>
/// <param name="SerialNumber">Lowercase hex.</param>
/// <param name="Certificate">The certificate.</param>
/// <param name="Chain">The issuing CA's certificate, then each CA above it, up to and including the root.</param>
public sealed record PlatformCertificate(string SerialNumber, byte[] Certificate, IReadOnlyList<byte[]> Chain);
