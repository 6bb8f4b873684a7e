namespace Platform.Security;

/// <summary>
/// Decides whether a TLS client certificate was issued by this platform, is current and not
/// revoked, and which roles it carries. The certificate authority implements it; the host's
/// authentication uses it, so no module needs the CA's internals.
/// </summary>
public interface IClientCertificateValidator
{
    /// <summary>Validates a DER certificate presented on a TLS connection.</summary>
    Task<ClientCertificateResult> ValidateAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default);
}
