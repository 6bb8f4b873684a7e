using Pki.Ca.Hierarchy;
using Pki.Ca.Registration;
using Pki.Ca.Storage;

namespace Pki.Ca.Escrow;

/// <summary>The encryption half of an issued dual pair, as its request shows it: the certificate and the key encrypted to the signing certificate.</summary>
internal sealed class EncryptionPairReader(IKeyEscrowStore store, ICaStore certificates)
{
    /// <summary>Null for a request that did not ask for a pair, or is not issued.</summary>
    public async Task<EncryptionPairResponse?> ReadAsync(CertificateRequest request, CancellationToken cancellationToken)
    {
        if (!request.EncryptionCertificate || await store.GetEscrowedKeyOfRequestAsync(request.Id, cancellationToken) is not { } escrowed
            || await certificates.GetCertificateAsync(escrowed.Serial, cancellationToken) is not { } certificate)
        {
            return null;
        }

        return new(escrowed.Serial, PemText.Certificate(certificate.Certificate), escrowed.EnvelopeFormat, Convert.ToBase64String(escrowed.Envelope));
    }
}
