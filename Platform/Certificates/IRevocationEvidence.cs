namespace Platform.Certificates;

/// <summary>
/// Signed revocation information about a certificate the platform's CA issued, as a relying party
/// would fetch it: the OCSP response its responder gives now and the current full CRL of its issuer.
/// The signature service embeds them in long-term signatures (CAdES B-LT) and reads them when it
/// validates one that carries none.
/// </summary>
public interface IRevocationEvidence
{
    /// <summary>
    /// A successful DER OCSPResponse (RFC 6960) about <paramref name="certificate"/> (DER), signed by the
    /// platform's responder for its issuer; null when the certificate's issuer is not one of the platform's CAs.
    /// </summary>
    Task<byte[]?> OcspResponseAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current full CRL (DER) of the CA that issued <paramref name="certificate"/> (DER); null when that
    /// CA is not one of the platform's.
    /// </summary>
    Task<byte[]?> CrlAsync(ReadOnlyMemory<byte> certificate, CancellationToken cancellationToken = default);
}
